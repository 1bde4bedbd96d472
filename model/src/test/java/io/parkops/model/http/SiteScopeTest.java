package io.parkops.model.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkops.model.ThingId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteScopeTest {

    @Test
    void aScopeAllowsItsSitesOnly() {
        SiteScope nanan = SiteScope.of(List.of("nanan"));
        assertThat(nanan.allows("nanan")).isTrue();
        assertThat(nanan.allows(ThingId.of("nanan", "iaq-0001"))).isTrue();
        assertThat(nanan.allows("xinshengli")).isFalse();
        assertThat(nanan.allows("nanan-east")).isFalse();
        assertThat(nanan.allows((String) null)).as("no site named is not one of its sites").isFalse();
        assertThat(SiteScope.ALL.allows("xinshengli")).isTrue();
    }

    @Test
    void aScopeIsKeptAsTextAndReadBack() {
        SiteScope two = SiteScope.of(List.of("xinshengli", "nanan"));
        assertThat(two.encode()).isEqualTo("nanan,xinshengli");
        assertThat(SiteScope.decode(two.encode())).isEqualTo(two);
        assertThat(SiteScope.decode("")).isSameAs(SiteScope.ALL);
        assertThat(two).hasToString("sites [nanan, xinshengli]");
    }

    @Test
    void aRequestWithoutAScopeSeesEverySite() {
        assertThat(Caller.scope(key -> null)).isSameAs(SiteScope.ALL);
        SiteScope nanan = SiteScope.of(List.of("nanan"));
        assertThat(Caller.scope(key -> key.equals(Caller.SCOPE_KEY) ? nanan : null)).isSameAs(nanan);
    }

    @Test
    void aScopeOfBuildingsTakesInOnlyTheirThingsAndNeverTheWholeSite() {
        SiteScope b2 = SiteScope.of(List.of("nanan"), List.of("b2"));
        assertThat(b2.allows(ThingId.of("nanan", "iaq-0003"), "b2")).isTrue();
        assertThat(b2.allows(ThingId.of("nanan", "iaq-0001"), "b1")).isFalse();
        assertThat(b2.allows(ThingId.of("nanan", "em-0009"), null)).as("a thing in no building").isFalse();
        assertThat(b2.allows(ThingId.of("xinshengli", "iaq-x01"), "b2")).isFalse();
        assertThat(b2.allows("nanan")).as("the whole site").isFalse();
        assertThat(b2.seesSite("nanan")).isTrue();
        assertThat(SiteScope.decode(b2.encode())).isEqualTo(b2);
        assertThat(b2).hasToString("buildings [b2] of site nanan");
        assertThat(SiteScope.of(List.of("nanan")).covers(b2)).isTrue();
        assertThat(b2.covers(SiteScope.of(List.of("nanan")))).isFalse();
        assertThat(b2.covers(SiteScope.of(List.of("nanan"), List.of("b1", "b2")))).isFalse();
        assertThatThrownBy(() -> SiteScope.of(List.of("nanan", "xinshengli"), List.of("b1"))).hasMessageContaining("exactly one site");
        assertThatThrownBy(() -> SiteScope.of(List.of("nanan"), List.of("b 1"))).hasMessageContaining("'b 1' is not a building id");
    }

    @Test
    void anEmptyListOrABadSiteIdIsRefused() {
        assertThatThrownBy(() -> SiteScope.of(List.of())).hasMessageContaining("at least one site");
        assertThatThrownBy(() -> SiteScope.of(List.of("nanan", "Xin Sheng Li"))).hasMessageContaining("'Xin Sheng Li' is not a site id");
    }
}
