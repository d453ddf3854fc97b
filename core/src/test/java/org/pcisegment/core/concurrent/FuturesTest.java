package org.pcisegment.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

class FuturesTest {
    @Test
    void givesTheResult() {
        assertThat(Futures.join(CompletableFuture.completedFuture(42), "counting"))
                .isEqualTo(42);
    }

    @Test
    void rethrowsUncheckedFailuresAsTheyAre() {
        InputException input = new InputException(SourceSpan.of("f.yaml"), "bad");
        FutureTask<String> task = new FutureTask<>(() -> {
            throw input;
        });
        task.run();

        assertThatThrownBy(() -> Futures.join(task, "reading")).isSameAs(input);
    }

    @Test
    void wrapsCheckedFailuresNamingTheWork() {
        FutureTask<String> task = new FutureTask<>(() -> {
            throw new IOException("disk");
        });
        task.run();

        assertThatThrownBy(() -> Futures.join(task, "hashing the rule set"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("hashing the rule set failed")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void anInterruptKeepsTheFlagAndNamesTheWork() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Futures.join(new CompletableFuture<String>(), "validating"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("interrupted while validating");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
