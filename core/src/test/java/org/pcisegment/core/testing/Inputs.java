package org.pcisegment.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.load.PolicySetLoader;
import org.pcisegment.core.policy.Policy;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceFile;
import org.pcisegment.core.source.YamlLoader;

/** Builds policy sets from YAML text in tests, named "test.yaml" so positions read naturally. */
public final class Inputs {
    public static final String FILE = "test.yaml";

    private Inputs() {}

    public static SourceFile source(String yaml) {
        return new SourceFile(FILE, yaml, YamlLoader.parse(FILE, yaml));
    }

    public static PolicySet policySet(String yaml) {
        return PolicySetLoader.fromSources(List.of(source(yaml)), List.of());
    }

    /** The only policy of the text. */
    public static Policy policy(String yaml) {
        List<Policy> policies = policySet(yaml).policies();
        assertThat(policies).hasSize(1);
        return policies.getFirst();
    }

    /** The input error the call throws, failing the test when it throws none. */
    public static InputException inputError(ThrowingCallable call) {
        InputException error = catchThrowableOfType(InputException.class, call);
        assertThat(error).as("an InputException").isNotNull();
        return error;
    }

    /** The located message ("test.yaml:3:5: ...") of the input error that loading the text gives. */
    public static String loadError(String yaml) {
        return inputError(() -> policySet(yaml)).located();
    }
}
