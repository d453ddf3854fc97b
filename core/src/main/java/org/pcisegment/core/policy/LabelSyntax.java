package org.pcisegment.core.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes label key and value syntax, so selectors that Kubernetes rejects are rejected here. */
public final class LabelSyntax {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelSyntax() {}

    /** Why a label key is invalid, or empty when it is valid. */
    public static Optional<String> keyProblem(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of(
                        "label key '" + key + "' has an invalid prefix; expected a DNS subdomain before '/'");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            return Optional.of("label key '"
                    + key
                    + "' is invalid; expected at most 63 letters, digits, '-', '_' or '.', beginning"
                    + " and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** Why a label value is invalid, or empty when it is valid (the empty value is valid). */
    public static Optional<String> valueProblem(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > 63 || !NAME.matcher(value).matches()) {
            return Optional.of("label value '"
                    + value
                    + "' is invalid; expected at most 63 letters, digits, '-', '_' or '.', beginning"
                    + " and ending with a letter or digit");
        }
        return Optional.empty();
    }
}
