package io.handoffbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The timed wait of a batch: it opens on the last reply, not before, and gives up when a reply never comes. */
class ReplyLatchTest {

    @Test
    void shouldGiveUpWhileARequestOfTheBatchIsUnansweredAndOpenOnTheLastReply() {
        ReplyLatch latch = new ReplyLatch(Thread.currentThread());
        latch.expect(2);
        latch.arrived();

        assertThat(latch.await(TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
        assertThat(latch.outstanding()).isEqualTo(1);

        latch.arrived();

        assertThat(latch.await(TimeUnit.SECONDS.toNanos(10))).isTrue();
    }

    @Test
    void shouldCountARequestThatWasNotSentAsAnswered() {
        ReplyLatch latch = new ReplyLatch(Thread.currentThread());
        latch.expect(2);
        latch.cancelOne();

        assertThat(latch.await(TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
        latch.arrived();
        assertThat(latch.await(TimeUnit.SECONDS.toNanos(10))).isTrue();
    }
}
