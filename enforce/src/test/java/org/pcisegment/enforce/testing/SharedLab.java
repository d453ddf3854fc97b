package org.pcisegment.enforce.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link Lab} for a whole test class (building it is the slow part):
 * {@code @RegisterExtension static final SharedLab LAB = new SharedLab();} then {@code LAB.get()}.
 * Tests must leave it as they found it (remove their enforcement in {@code @AfterEach}).
 */
public final class SharedLab implements BeforeAllCallback, AfterAllCallback {
    private Lab lab;

    @Override
    public void beforeAll(ExtensionContext context) {
        lab = Lab.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lab != null) {
            lab.close();
            lab = null;
        }
    }

    public Lab get() {
        if (lab == null) {
            throw new IllegalStateException("the lab is started before the tests of the class run");
        }
        return lab;
    }
}
