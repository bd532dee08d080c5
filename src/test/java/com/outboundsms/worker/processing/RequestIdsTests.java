package com.outboundsms.worker.processing;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	@Test
	void acceptsOneTo128LettersDigitsAndDotUnderscoreColonDash() {
		assertThat(RequestIds.isValid("a")).isTrue();
		assertThat(RequestIds.isValid("crm-4711.retry_2:x")).isTrue();
		assertThat(RequestIds.isValid("x".repeat(128))).isTrue();
	}

	@Test
	void refusesNothingEmptyTooLongAndOtherCharacters() {
		assertThat(RequestIds.isValid(null)).isFalse();
		assertThat(RequestIds.isValid("")).isFalse();
		assertThat(RequestIds.isValid("x".repeat(129))).isFalse();
		assertThat(RequestIds.isValid("has spaces")).isFalse();
		assertThat(RequestIds.isValid("a/b")).isFalse();
		assertThat(RequestIds.isValid("é")).isFalse();
	}

	@Test
	void derivesTheIdOfABodyFromItsDigest() {
		byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);

		assertThat(RequestIds.derivedFrom(body))
			.isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		assertThat(RequestIds.isValid(RequestIds.derivedFrom(body))).isTrue();
	}

	@Test
	void tellsTheRuleInTheCallersWords() {
		assertThat(RequestIds.RULE).isEqualTo("must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
	}

}
