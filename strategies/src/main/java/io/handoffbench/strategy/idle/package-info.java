/**
 * How the consumer waits while nothing is queued, and how producers wake it: the {@code --idle} setting.
 *
 * <ul>
 *   <li>{@link io.handoffbench.strategy.idle.IdlePolicy}: the policies ({@code park}, {@code spin-park},
 *       {@code yield}, {@code spin}) and their spin phase.</li>
 *   <li>{@link io.handoffbench.strategy.idle.ConsumerParker}: the one consumer wait and "unpark only if parked"
 *       wake-up, for strategies that own their waiting. Its memory-ordering argument is in its Javadoc; the
 *       {@code jcstress} module tests it.</li>
 * </ul>
 */
package io.handoffbench.strategy.idle;
