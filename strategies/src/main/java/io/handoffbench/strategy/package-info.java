/**
 * How a request travels from many client threads to the one worker thread.
 *
 * <p>Vocabulary, used in every class name and comment here:
 * <ul>
 *   <li><b>producer</b>: a client thread calling {@link io.handoffbench.strategy.HandoffStrategy#submit}; there
 *       are many, concurrently.</li>
 *   <li><b>consumer</b>: the worker thread calling {@link io.handoffbench.strategy.HandoffStrategy#drain}; there is
 *       exactly one at a time.</li>
 *   <li><b>handoff</b>: one request crossing from a producer to the consumer.</li>
 *   <li><b>wait</b>: what the consumer does when nothing is queued (park, spin, a lock's condition...); an
 *       {@link io.handoffbench.strategy.idle.IdlePolicy} for the strategies that {@code honours} it.</li>
 * </ul>
 *
 * <p>Implementations are final and named by mechanism ({@code SynchronousQueueHandoff}, {@code MpscQueueHandoff});
 * the command line knows them by the short, stable id of their {@link io.handoffbench.strategy.HandoffStrategyFactory},
 * found through {@link java.util.ServiceLoader}.
 */
package io.handoffbench.strategy;
