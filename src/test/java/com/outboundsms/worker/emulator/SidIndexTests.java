package com.outboundsms.worker.emulator;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SidIndexTests {

	private static final List<String> NAME = List.of("KS1", "name");

	private static final List<String> OTHER = List.of("KS1", "other");

	private final SidIndex index = new SidIndex();

	@Test
	void keepsTheOrderInWhichSidsWereFiled() {
		this.index.add(NAME, "KC2");
		this.index.add(NAME, "KC1");
		this.index.add(NAME, "KC2");

		assertThat(this.index.get(NAME)).containsExactly("KC2", "KC1");
	}

	@Test
	void refilingUnderTheSameKeyKeepsThePlace() {
		this.index.add(NAME, "KC1");
		this.index.add(NAME, "KC2");

		this.index.refile("KC1", List.of(NAME), List.of(NAME));

		assertThat(this.index.get(NAME)).containsExactly("KC1", "KC2");
	}

	@Test
	void refilingUnderANewKeyLeavesTheOldOne() {
		this.index.add(NAME, "KC1");

		this.index.refile("KC1", List.of(NAME), List.of(OTHER));

		assertThat(this.index.get(NAME)).isEmpty();
		assertThat(this.index.get(OTHER)).containsExactly("KC1");
	}

	@Test
	void removingTheLastSidForgetsTheKey() {
		this.index.add(NAME, "KC1");
		this.index.remove(NAME, "KC1");
		this.index.remove(NAME, "KC9");

		assertThat(this.index.get(NAME)).isEmpty();
	}

	@Test
	void clearForgetsEverything() {
		this.index.add(NAME, "KC1");
		this.index.add(OTHER, "KC2");

		this.index.clear();

		assertThat(this.index.get(NAME)).isEmpty();
		assertThat(this.index.get(OTHER)).isEmpty();
	}

}
