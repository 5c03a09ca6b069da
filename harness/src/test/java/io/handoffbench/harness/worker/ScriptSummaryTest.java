package io.handoffbench.harness.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The script's summary as the checks read it. */
class ScriptSummaryTest {

    @Test
    void shouldFindAHalfAppliedTransferInTheTotalBalance() {
        assertThat(ScriptSummary.balanceProblems("{\"requests\":5,\"totalBalance\":99,\"totalBalanceExpected\":100}"))
                .containsExactly("the script's total balance is 99, expected 100");
        assertThat(ScriptSummary.balanceProblems("{\"totalBalance\":100,\"totalBalanceExpected\":100}")).isEmpty();
    }

    @Test
    void shouldReadAWholeNumberFieldOrSayThereIsNone() {
        assertThat(ScriptSummary.requests("{\"requests\":5}")).isEqualTo(5);
        assertThat(ScriptSummary.count("{\"insufficient\":0}", "insufficient")).isZero();
        assertThat(ScriptSummary.requests("{\"transfers\":5}")).isEqualTo(-1);
        assertThat(ScriptSummary.requests("not json")).isEqualTo(-1);
        assertThat(ScriptSummary.requests(null)).isEqualTo(-1);
    }
}
