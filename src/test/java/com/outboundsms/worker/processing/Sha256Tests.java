package com.outboundsms.worker.processing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Tests {

	// the test vector of FIPS 180-2 for "abc"
	private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

	@Test
	void digestsTheStandardTestVector() {
		assertThat(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(HexFormat.of().parseHex(ABC));
		assertThat(Sha256.hexOf("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
	}

	@Test
	void digestsATextAsItsUtf8Bytes() {
		String text = "Zoë";

		assertThat(Sha256.of(text)).isEqualTo(Sha256.of(text.getBytes(StandardCharsets.UTF_8)));
		assertThat(Sha256.hexOf(text)).isEqualTo(Sha256.hexOf(text.getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo(Sha256.hexOf(text.getBytes(StandardCharsets.ISO_8859_1)));
	}

}
