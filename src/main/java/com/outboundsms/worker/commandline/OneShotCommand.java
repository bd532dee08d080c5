package com.outboundsms.worker.commandline;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every one-shot command does around its own work: recognises its name, reads its
 * options, answers a bad argument with the usage (exit status 2) and {@code --help} with
 * the usage alone (0), starts a quiet context with only the configuration it needs, and
 * reports a failure as {@code <command> failed: …} (1).
 *
 * @param <O> the command's options
 */
public final class OneShotCommand<O extends OneShotCommand.Options> {

	/** The exit status of a command that did its work. */
	public static final int DONE = 0;

	/** The exit status of a command that failed. */
	public static final int FAILED = 1;

	/** The exit status of a command given arguments it cannot use. */
	public static final int BAD_ARGUMENTS = 2;

	private final String name;

	private final String usage;

	private final Function<List<String>, O> parser;

	private final Class<?> configuration;

	private final String[] properties;

	/**
	 * A command.
	 * @param name the command's name, the program's first argument
	 * @param usage what {@code --help} prints
	 * @param parser reads the arguments that follow the name, refusing them with an
	 * {@link IllegalArgumentException} that says why
	 * @param configuration the only configuration of the command's context
	 * @param properties what the command's context needs set beyond quiet logging
	 */
	public OneShotCommand(String name, String usage, Function<List<String>, O> parser, Class<?> configuration,
			String... properties) {
		this.name = name;
		this.usage = usage;
		this.parser = parser;
		this.configuration = configuration;
		this.properties = Stream.concat(Stream.of("logging.level.root=WARN"), Arrays.stream(properties))
			.toArray(String[]::new);
	}

	/**
	 * Whether the arguments ask for this command rather than the worker.
	 * @param args the program's arguments
	 * @return {@code true} when the first is the command's name
	 */
	public boolean isInvokedBy(String[] args) {
		return args.length > 0 && this.name.equals(args[0]);
	}

	/**
	 * Reads the options and, unless they are bad or ask for help, does the work.
	 * @param args the program's arguments, starting with the command's name
	 * @param out where the usage goes when asked for
	 * @param err where a bad argument and the usage go
	 * @param work the command's own work, answering the exit status
	 * @return the exit status
	 */
	public int run(String[] args, PrintStream out, PrintStream err, Function<O, Integer> work) {
		O options;
		try {
			options = this.parser.apply(Arrays.asList(args).subList(isInvokedBy(args) ? 1 : 0, args.length));
		}
		catch (IllegalArgumentException ex) {
			refused(err, ex.getMessage());
			err.print(this.usage);
			return BAD_ARGUMENTS;
		}
		if (options.help()) {
			out.print(this.usage);
			return DONE;
		}
		return work.apply(options);
	}

	/**
	 * Starts the command's context, with the Spring properties given on its command line.
	 * @param options the command's options
	 * @return the context, for the command to close
	 */
	public ConfigurableApplicationContext context(O options) {
		return new SpringApplicationBuilder(this.configuration).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(this.properties)
			.run(options.springArguments().toArray(String[]::new));
	}

	/**
	 * Reports an argument the command cannot use.
	 * @param err where it goes
	 * @param why what is wrong with it
	 * @return {@link #BAD_ARGUMENTS}
	 */
	public int refused(PrintStream err, String why) {
		err.println(this.name + ": " + why);
		return BAD_ARGUMENTS;
	}

	/**
	 * Reports a failure.
	 * @param err where it goes
	 * @param why what failed
	 * @return {@link #FAILED}
	 */
	public int failed(PrintStream err, String why) {
		err.println(this.name + " failed: " + why);
		return FAILED;
	}

	/**
	 * What the skeleton needs of a command's options.
	 */
	public interface Options {

		/**
		 * Whether only the usage was asked for.
		 * @return {@code true} for {@code --help}
		 */
		boolean help();

		/**
		 * The Spring properties given on the command line, for the command's context.
		 * @return the arguments as given
		 */
		List<String> springArguments();

	}

}
