package io.handoffbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RequestTest {

    @Test
    void shouldGiveUpWaitingWhenNoReplyComesInTime() {
        Request request = new Request(Thread.currentThread(), 0);
        request.prepare(0, "{}", true);
        long start = System.nanoTime();

        assertThat(request.awaitReply(TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    void shouldReturnTheReplyAnotherThreadGaveWithinTheTimeout() throws InterruptedException {
        Request request = new Request(Thread.currentThread(), 0);
        request.prepare(1, "{\"seq\":1}", true);
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            request.complete(request.payload());
        });

        assertThat(request.awaitReply(TimeUnit.SECONDS.toNanos(10))).isTrue();
        assertThat(request.reply()).isEqualTo("{\"seq\":1}");
        assertThat(request.servedBy()).isSameAs(worker);
        worker.join();
    }

    @Test
    void shouldNotWaitForAReplyThatAlreadyCame() {
        Request request = new Request(Thread.currentThread(), 0);
        request.prepare(0, "x", true);
        request.complete("x");

        assertThat(request.awaitReply(0)).isTrue();
    }

    @Test
    void shouldCountASecondAnswerAsADoubleCompletionNotALateReply() {
        Admission admission = Admission.of(0);
        Request request = new Request(Thread.currentThread(), 3, null, null, admission);
        request.prepare(5, "p", true);

        request.complete(3, 5, "ok");
        request.complete(3, 5, "ok");

        assertThat(admission.doubleCompletions()).isEqualTo(1);
        assertThat(admission.lateReplies()).isZero();
        assertThat(request.answers(3, 5)).isTrue();
    }

    @Test
    void shouldCountTheFirstAnswerAfterATimeoutAsLateAndTheSecondAsDouble() {
        Admission admission = Admission.of(0);
        Request request = new Request(Thread.currentThread(), 3, null, null, admission);
        request.prepare(5, "p", true);
        assertThat(request.abandon()).isTrue();

        request.complete(3, 5, "ok");
        request.complete(3, 5, "ok");

        assertThat(admission.lateReplies()).isEqualTo(1);
        assertThat(admission.doubleCompletions()).isEqualTo(1);
    }
}
