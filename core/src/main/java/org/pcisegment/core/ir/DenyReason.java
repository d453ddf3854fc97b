package org.pcisegment.core.ir;

/** Which side refused a denied flow. */
public enum DenyReason {
    /** Both the source's egress and the destination's ingress refuse it. */
    NO_POLICY_ALLOWS("no policy allows"),
    /** The destination restricts ingress and none of its rules admits the flow. */
    DEFAULT_DENY_ON_DESTINATION("default deny on destination"),
    /** The source restricts egress and none of its rules admits the flow. */
    EGRESS_NOT_ALLOWED_AT_SOURCE("egress not allowed at source");

    private final String text;

    DenyReason(String text) {
        this.text = text;
    }

    /** The phrase used in explanations: "default deny on destination". */
    public String text() {
        return text;
    }
}
