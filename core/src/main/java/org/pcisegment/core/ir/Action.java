package org.pcisegment.core.ir;

/** What a rule or a verdict does with a flow. */
public enum Action {
    ALLOW,
    DENY
}
