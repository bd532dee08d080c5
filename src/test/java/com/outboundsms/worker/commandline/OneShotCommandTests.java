package com.outboundsms.worker.commandline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame of a one-shot command: its name, bad arguments, help, its own work's exit
 * status and the way it reports failures.
 */
class OneShotCommandTests {

	private static final String USAGE = "usage: sample [--help]\n";

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final List<SampleOptions> worked = new ArrayList<>();

	private final OneShotCommand<SampleOptions> command = new OneShotCommand<>("sample", USAGE, SampleOptions::parse,
			Object.class);

	@Test
	void isInvokedByItsNameAsTheFirstArgument() {
		assertThat(this.command.isInvokedBy(new String[] { "sample", "--help" })).isTrue();
		assertThat(this.command.isInvokedBy(new String[] { "--help", "sample" })).isFalse();
		assertThat(this.command.isInvokedBy(new String[0])).isFalse();
	}

	@Test
	void doesItsWorkWithTheArgumentsAfterItsName() {
		int status = run("sample", "--spring.main.x=1");

		assertThat(status).isEqualTo(7);
		assertThat(this.worked).extracting(SampleOptions::springArguments)
			.containsExactly(List.of("--spring.main.x=1"));
	}

	@Test
	void answersABadArgumentWithTheReasonAndTheUsage() {
		int status = run("sample", "--nope");

		assertThat(status).isEqualTo(OneShotCommand.BAD_ARGUMENTS);
		assertThat(text(this.err)).isEqualTo("sample: unknown option --nope\n" + USAGE);
		assertThat(this.worked).isEmpty();
	}

	@Test
	void answersHelpWithTheUsageAlone() {
		int status = run("sample", "--help");

		assertThat(status).isEqualTo(OneShotCommand.DONE);
		assertThat(text(this.out)).isEqualTo(USAGE);
		assertThat(this.worked).isEmpty();
	}

	@Test
	void reportsFailuresAndRefusalsUnderItsName() {
		PrintStream errors = new PrintStream(this.err, true, StandardCharsets.UTF_8);

		assertThat(this.command.failed(errors, "the broker is gone")).isEqualTo(OneShotCommand.FAILED);
		assertThat(this.command.refused(errors, "cannot read x.csv")).isEqualTo(OneShotCommand.BAD_ARGUMENTS);
		assertThat(text(this.err)).isEqualTo("sample failed: the broker is gone\nsample: cannot read x.csv\n");
	}

	private int run(String... args) {
		return this.command.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), (options) -> {
					this.worked.add(options);
					return 7;
				});
	}

	private static String text(ByteArrayOutputStream stream) {
		return stream.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
	}

	private record SampleOptions(boolean help, List<String> springArguments) implements OneShotCommand.Options {

		static SampleOptions parse(List<String> arguments) {
			CommandArguments read = new CommandArguments(arguments, Set.of("help"));
			return new SampleOptions(read.flag("help"), read.springArguments());
		}

	}

}
