package org.pcisegment.core.net;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Service names a policy may use instead of a port number ("https"), from the IANA service name
 * registry, and the cleartext services PCI-DSS 1.2.6 asks to justify and secure.
 */
public final class WellKnownPorts {
    /** A cleartext service on a port: its name and the protocols it runs on. */
    public record InsecureService(String name, int port, Set<Protocol> protocols, String why) {}

    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

    static {
        Object[][] names = {
            {"ftp-data", 20},
            {"ftp", 21},
            {"ssh", 22},
            {"telnet", 23},
            {"smtp", 25},
            {"domain", 53},
            {"dns", 53},
            {"tftp", 69},
            {"http", 80},
            {"kerberos", 88},
            {"pop3", 110},
            {"nntp", 119},
            {"ntp", 123},
            {"imap", 143},
            {"snmp", 161},
            {"snmptrap", 162},
            {"bgp", 179},
            {"ldap", 389},
            {"https", 443},
            {"microsoft-ds", 445},
            {"smtps", 465},
            {"exec", 512},
            {"login", 513},
            {"shell", 514},
            {"syslog", 514},
            {"submission", 587},
            {"ldaps", 636},
            {"imaps", 993},
            {"pop3s", 995},
            {"ms-sql-s", 1433},
            {"oracle", 1521},
            {"mqtt", 1883},
            {"nfs", 2049},
            {"etcd-client", 2379},
            {"etcd-server", 2380},
            {"mysql", 3306},
            {"ms-wbt-server", 3389},
            {"rdp", 3389},
            {"amqp", 5672},
            {"postgresql", 5432},
            {"postgres", 5432},
            {"vnc", 5900},
            {"redis", 6379},
            {"syslog-tls", 6514},
            {"http-alt", 8080},
            {"https-alt", 8443},
            {"prometheus", 9090},
            {"kafka", 9092},
            {"elasticsearch", 9200},
            {"memcache", 11211},
            {"mongodb", 27017}
        };
        for (Object[] entry : names) {
            BY_NAME.put((String) entry[0], (Integer) entry[1]);
        }
    }

    private static final Set<Protocol> TCP = Set.of(Protocol.TCP);
    private static final Set<Protocol> UDP = Set.of(Protocol.UDP);
    private static final Set<Protocol> BOTH = Set.of(Protocol.TCP, Protocol.UDP);

    private static final List<InsecureService> INSECURE = List.of(
            new InsecureService("ftp-data", 20, TCP, "FTP sends credentials and data in cleartext"),
            new InsecureService("ftp", 21, TCP, "FTP sends credentials and data in cleartext"),
            new InsecureService("telnet", 23, TCP, "Telnet sends credentials in cleartext"),
            new InsecureService("smtp", 25, TCP, "SMTP without enforced TLS is cleartext"),
            new InsecureService("tftp", 69, UDP, "TFTP has no authentication or encryption"),
            new InsecureService("http", 80, TCP, "plain HTTP is unencrypted"),
            new InsecureService("pop3", 110, TCP, "POP3 sends credentials in cleartext"),
            new InsecureService("nntp", 119, TCP, "NNTP is cleartext"),
            new InsecureService("imap", 143, TCP, "IMAP without TLS sends credentials in cleartext"),
            new InsecureService("snmp", 161, UDP, "SNMP v1/v2c community strings are cleartext"),
            new InsecureService("snmptrap", 162, UDP, "SNMP v1/v2c traps are cleartext"),
            new InsecureService("ldap", 389, BOTH, "LDAP without TLS exposes credentials"),
            new InsecureService("exec", 512, TCP, "rexec sends credentials in cleartext"),
            new InsecureService("login", 513, TCP, "rlogin sends credentials in cleartext"),
            new InsecureService("shell", 514, TCP, "rsh trusts host addresses, no encryption"),
            new InsecureService("syslog", 514, UDP, "plain syslog is unauthenticated cleartext"),
            new InsecureService("vnc", 5900, TCP, "VNC is commonly unencrypted"),
            new InsecureService("http-alt", 8080, TCP, "plain HTTP is unencrypted"));

    private WellKnownPorts() {}

    /** The port of a service name, matched exactly (names are lower case). */
    public static Optional<Integer> port(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** The cleartext services that a protocol and port set opens. */
    public static List<InsecureService> insecureServicesIn(Protocol protocol, PortSet ports) {
        return INSECURE.stream()
                .filter(s -> s.protocols().contains(protocol) && ports.contains(s.port()))
                .toList();
    }
}
