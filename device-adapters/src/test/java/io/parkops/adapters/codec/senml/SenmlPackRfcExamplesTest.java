package io.parkops.adapters.codec.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of RFC 8428 §5.1, resolved to the values the RFC states (§4.6 and §5.1.4). */
class SenmlPackRfcExamplesTest {

    private static final double NOW = 1_764_000_000d;

    private static List<SenmlRecord> json(String pack) {
        return SenmlPack.readJson(pack.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void singleDatapoint() { // §5.1.1
        List<SenmlRecord> r = json("[{\"n\":\"urn:dev:ow:10e2073a01080063\",\"u\":\"Cel\",\"v\":23.1}]");
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("urn:dev:ow:10e2073a01080063");
            assertThat(x.unit()).isEqualTo("Cel");
            assertThat(x.value()).isEqualTo(23.1);
            assertThat(x.time()).isEqualTo(NOW); // no time: "now"
        });
    }

    @Test
    void multipleDatapointsShareTheBaseName() { // §5.1.2
        List<SenmlRecord> r = json("[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},"
                + "{\"n\":\"current\",\"u\":\"A\",\"v\":1.2}]");
        assertThat(r).extracting(SenmlRecord::name)
                .containsExactly("urn:dev:ow:10e2073a01080063:voltage", "urn:dev:ow:10e2073a01080063:current");
        assertThat(r).extracting(SenmlRecord::value).containsExactly(120.1, 1.2);
        assertThat(r).extracting(SenmlRecord::unit).containsExactly("V", "A");
    }

    @Test
    void multipleMeasurementsResolveTimeAndBaseUnit() { // §5.1.3 resolved as in §5.1.4
        List<SenmlRecord> r = json("[{\"bn\":\"urn:dev:ow:10e2073a0108006:\",\"bt\":1.276020076001e+09,\"bu\":\"A\",\"bver\":5,"
                + "\"n\":\"voltage\",\"u\":\"V\",\"v\":120.1},{\"n\":\"current\",\"t\":-5,\"v\":1.2},{\"n\":\"current\",\"t\":-4,\"v\":1.3},"
                + "{\"n\":\"current\",\"t\":-3,\"v\":1.4},{\"n\":\"current\",\"t\":-2,\"v\":1.5},{\"n\":\"current\",\"t\":-1,\"v\":1.6},"
                + "{\"n\":\"current\",\"v\":1.7}]");
        assertThat(r).hasSize(7);
        assertThat(r.get(0).unit()).isEqualTo("V");
        assertThat(r.get(0).time()).isCloseTo(1276020076.001, within(1e-6));
        assertThat(r.subList(1, 7)).extracting(SenmlRecord::unit).containsOnly("A");
        assertThat(r.get(1).time()).isCloseTo(1276020071.001, within(1e-6));
        assertThat(r.get(6).time()).isCloseTo(1276020076.001, within(1e-6));
        assertThat(r.subList(1, 7)).extracting(SenmlRecord::value).containsExactly(1.2, 1.3, 1.4, 1.5, 1.6, 1.7);
    }

    @Test
    void relativeTimesCountFromNow() { // §5.1.5-style pack without base time: t below 2^28 is relative
        List<SenmlRecord> r = json("[{\"n\":\"temp\",\"t\":-60,\"v\":20.1},{\"n\":\"temp\",\"v\":20.3}]");
        assertThat(r).extracting(SenmlRecord::time).containsExactly(NOW - 60, NOW);
    }

    @Test
    void collectionOfResourcesWithStringBooleanAndDataValues() { // §5.1.7
        List<SenmlRecord> r = json("[{\"bn\":\"urn:dev:ow:10e2073a01080063:\",\"n\":\"temp\",\"u\":\"Cel\",\"v\":23.1},"
                + "{\"n\":\"label\",\"vs\":\"Machine Room\"},{\"n\":\"open\",\"vb\":false},{\"n\":\"nfc-reader\",\"vd\":\"aGkgCg\"}]");
        assertThat(r.get(1).stringValue()).isEqualTo("Machine Room");
        assertThat(r.get(2).boolValue()).isFalse();
        assertThat(r.get(3).dataValue()).isEqualTo("aGkgCg");
        assertThat(r.get(3).name()).isEqualTo("urn:dev:ow:10e2073a01080063:nfc-reader");
    }

    @Test
    void baseValueAndBaseSumAreAdded() {
        List<SenmlRecord> r = json("[{\"bn\":\"m:\",\"bv\":100,\"bs\":1000,\"n\":\"a\",\"v\":1.5},{\"n\":\"b\",\"s\":20}]");
        assertThat(r.get(0).value()).isEqualTo(101.5);
        assertThat(r.get(1).sum()).isEqualTo(1020.0);
    }

    @Test
    void cborUsesTheIntegerLabelsOfSection6() throws IOException { // the §5.1.2 pack with CBOR labels bn=-2, n=0, u=1, v=2
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = new CBORFactory().createGenerator(out)) {
            g.writeStartArray();
            g.writeStartObject();
            g.writeFieldId(-2); g.writeString("urn:dev:ow:10e2073a01080063:");
            g.writeFieldId(0); g.writeString("voltage");
            g.writeFieldId(1); g.writeString("V");
            g.writeFieldId(2); g.writeNumber(120.1);
            g.writeEndObject();
            g.writeStartObject();
            g.writeFieldId(0); g.writeString("current");
            g.writeFieldId(1); g.writeString("A");
            g.writeFieldId(2); g.writeNumber(1.2);
            g.writeEndObject();
            g.writeEndArray();
        }
        List<SenmlRecord> r = SenmlPack.readCbor(out.toByteArray(), NOW);
        assertThat(r).extracting(SenmlRecord::name)
                .containsExactly("urn:dev:ow:10e2073a01080063:voltage", "urn:dev:ow:10e2073a01080063:current");
        assertThat(r).extracting(SenmlRecord::value).containsExactly(120.1, 1.2);
    }

    @Test
    void refusesAnUnderstoodOnlyLabel() {
        assertThatThrownBy(() -> json("[{\"n\":\"a\",\"v\":1,\"foo_\":2}]")).hasMessageContaining("must-understand label 'foo_'");
    }

    @Test
    void refusesARecordWithoutValue() {
        assertThatThrownBy(() -> json("[{\"n\":\"a\"}]")).hasMessageContaining("record 0 ('a') has no value");
    }

    @Test
    void refusesABadName() {
        assertThatThrownBy(() -> json("[{\"n\":\"-x y\",\"v\":1}]")).hasMessageContaining("record 0 has the name '-x y'");
    }

    @Test
    void refusesAnObjectInsteadOfAPack() {
        assertThatThrownBy(() -> json("{\"n\":\"a\",\"v\":1}")).hasMessageContaining("must be an array of records");
    }
}
