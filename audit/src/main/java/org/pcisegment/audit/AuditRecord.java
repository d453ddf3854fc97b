package org.pcisegment.audit;

/**
 * An event as stored: its place in the chain ({@code event.sequence}) and the SHA-256 of the line
 * before it ({@code pci_segment.chain.prev_sha256}).
 */
public record AuditRecord(long sequence, String previousSha256, AuditEvent event) {}
