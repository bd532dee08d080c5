package com.outboundsms.worker.processing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneMaskTests {

	@Test
	void keepsTheCountryPrefixAndTheLastFourDigits() {
		String masked = PhoneMask.mask("+14155552671");

		assertThat(masked).isEqualTo("+1415***2671");
	}

	@Test
	void masksNumbersOfOtherLengthsTheSameWay() {
		String masked = PhoneMask.mask("+447700900123");

		assertThat(masked).isEqualTo("+4477***0123").doesNotContain("7009");
	}

	@Test
	void masksShortValuesEntirely() {
		String masked = PhoneMask.mask("+1234567");

		assertThat(masked).isEqualTo("***");
	}

	@Test
	void saysNullForAMissingNumber() {
		String masked = PhoneMask.mask(null);

		assertThat(masked).isEqualTo("null");
	}

	@Test
	void masksBothNumbersOfAPair() {
		NumberPair pair = new NumberPair("+15005550006", "+14155552671");

		String masked = pair.masked();

		assertThat(masked).isEqualTo("+1500***0006>+1415***2671");
	}

}
