package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WellKnownPortsTest {
    @Test
    void mapsServiceNamesToPortsExactly() {
        assertThat(WellKnownPorts.port("https")).contains(443);
        assertThat(WellKnownPorts.port("postgresql")).contains(5432);
        assertThat(WellKnownPorts.port("postgres")).contains(5432);
        assertThat(WellKnownPorts.port("domain")).contains(53);
        assertThat(WellKnownPorts.port("HTTPS"))
                .as("names are lower case, as in IANA's registry")
                .isEmpty();
        assertThat(WellKnownPorts.port("htps")).isEmpty();
        assertThat(WellKnownPorts.names()).contains("ssh", "ldaps", "mongodb").doesNotContain("");
    }

    @Test
    void namesCleartextServicesByProtocolAndPort() {
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.TCP, PortSet.of(23)))
                .extracting(WellKnownPorts.InsecureService::name)
                .containsExactly("telnet");
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.UDP, PortSet.of(23)))
                .isEmpty();
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.TCP, PortSet.of(514)))
                .extracting(WellKnownPorts.InsecureService::name)
                .containsExactly("shell");
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.UDP, PortSet.of(514)))
                .extracting(WellKnownPorts.InsecureService::name)
                .containsExactly("syslog");
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.UDP, PortSet.of(389)))
                .extracting(WellKnownPorts.InsecureService::name)
                .containsExactly("ldap");
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.TCP, PortSet.range(20, 25)))
                .extracting(WellKnownPorts.InsecureService::port)
                .containsExactly(20, 21, 23, 25);
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.TCP, PortSet.of(22, 443, 636, 993)))
                .isEmpty();
        assertThat(WellKnownPorts.insecureServicesIn(Protocol.SCTP, PortSet.all()))
                .isEmpty();
    }

    @Test
    void everyInsecureServiceIsAlsoAKnownName() {
        for (Protocol protocol : Protocol.values()) {
            for (WellKnownPorts.InsecureService service : WellKnownPorts.insecureServicesIn(protocol, PortSet.all())) {
                assertThat(WellKnownPorts.port(service.name()))
                        .as(service.name())
                        .contains(service.port());
            }
        }
    }
}
