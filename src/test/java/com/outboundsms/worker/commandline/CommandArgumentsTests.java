package com.outboundsms.worker.commandline;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The checks every command applies to its arguments, and the Spring properties it passes
 * on.
 */
class CommandArgumentsTests {

	private static final Set<String> OPTIONS = Set.of("rate", "code", "dry-run");

	@Test
	void readsPlainArgumentsValuesNumbersAndSwitches() {
		CommandArguments arguments = read("file.csv", "--rate=7", "--code=A", "--code= B ", "--dry-run");

		assertThat(arguments.plain()).containsExactly("file.csv");
		assertThat(arguments.positive("rate", 1)).isEqualTo(7);
		assertThat(arguments.values("code")).containsExactly("A", "B");
		assertThat(arguments.value("code", String::toLowerCase)).contains("b");
		assertThat(arguments.flag("dry-run")).isTrue();
	}

	@Test
	void answersDefaultsForOptionsNotGiven() {
		CommandArguments arguments = read();

		assertThat(arguments.positive("rate", 50)).isEqualTo(50);
		assertThat(arguments.values("code")).isEmpty();
		assertThat(arguments.value("code", String::trim)).isEmpty();
		assertThat(arguments.flag("dry-run")).isFalse();
	}

	@Test
	void theLastOccurrenceOfASwitchCounts() {
		assertThat(read("--dry-run=FALSE").flag("dry-run")).isFalse();
		assertThat(read("--dry-run=false", "--dry-run").flag("dry-run")).isTrue();
		assertThat(read("--dry-run", "--dry-run=false").flag("dry-run")).isFalse();
	}

	@Test
	void passesSpringPropertiesOnInTheirOrder() {
		CommandArguments arguments = read("--spring.rabbitmq.host=rabbit", "--rate=1", "--outbound-sms.x.y",
				"--spring.rabbitmq.port=5673");

		assertThat(arguments.springArguments()).containsExactly("--spring.rabbitmq.host=rabbit", "--outbound-sms.x.y",
				"--spring.rabbitmq.port=5673");
	}

	@Test
	void refusesUnknownOptionsAndOptionsWithoutAName() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("--dryrun")).withMessage("unknown option --dryrun");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--")).withMessage("unknown option --");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--=x")).withMessage("unknown option --");
	}

	@Test
	void refusesMissingValuesEvenNextToGivenOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("--code").values("code"))
			.withMessage("--code needs a value (--code=…)");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--code=").values("code"))
			.withMessage("--code needs a value (--code=…)");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--code=  ").values("code"))
			.withMessage("--code needs a value (--code=…)");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--rate=5", "--rate").positive("rate", 1))
			.withMessage("--rate needs a value (--rate=…)");
	}

	@Test
	void refusesWhatIsNoPositiveWholeNumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("--rate=fast").positive("rate", 1))
			.withMessage("--rate is not a whole number: fast");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--rate=0", "--rate=5").positive("rate", 1))
			.withMessage("--rate must be at least 1, was 0");
	}

	@Test
	void refusesASwitchWithAnotherValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> read("--dry-run=maybe").flag("dry-run"))
			.withMessage("--dry-run takes no value other than true or false, was maybe");
		assertThatIllegalArgumentException().isThrownBy(() -> read("--dry-run=").flag("dry-run"))
			.withMessage("--dry-run takes no value other than true or false, was ");
	}

	private static CommandArguments read(String... arguments) {
		return new CommandArguments(List.of(arguments), OPTIONS);
	}

}
