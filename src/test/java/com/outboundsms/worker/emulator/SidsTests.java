package com.outboundsms.worker.emulator;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SidsTests {

	@Test
	void sidIsPrefixAnd32LowercaseHexDigits() {
		String sid = Sids.next("KC");

		assertThat(sid).matches("KC[0-9a-f]{32}");
		assertThat(Sids.isSid("KC", sid)).isTrue();
		assertThat(Sids.isSid("CH", sid)).isFalse();
	}

	@Test
	void sidsDoNotRepeat() {
		Set<String> sids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			sids.add(Sids.next("CH"));
		}

		assertThat(sids).hasSize(10_000);
	}

	@Test
	void prefixMustHaveTwoLetters() {
		assertThatIllegalArgumentException().isThrownBy(() -> Sids.next("C"));
	}

}
