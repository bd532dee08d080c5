package com.outboundsms.worker.commandline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * A one-shot command's arguments as Spring Boot's {@link ApplicationArguments} reads
 * them: the command's own {@code --name[=value]} options, with the checks every command
 * applies to their values (a failed check names the option), its plain arguments, and the
 * Spring properties it passes on to the environment.
 */
public final class CommandArguments {

	private final ApplicationArguments arguments;

	/**
	 * Reads the arguments of a command.
	 * @param arguments the arguments that follow the command's name
	 * @param options the names of the command's own options
	 * @throws IllegalArgumentException for an option that is neither the command's nor a
	 * Spring property
	 */
	public CommandArguments(List<String> arguments, Set<String> options) {
		// Spring reads a bare -- as the end of the options and refuses --=…; both have
		// always been an option without a name here
		if (arguments.stream().anyMatch((argument) -> argument.equals("--") || argument.startsWith("--="))) {
			throw unknown("");
		}
		this.arguments = new DefaultApplicationArguments(arguments.toArray(String[]::new));
		Optional<String> unknown = this.arguments.getOptionNames()
			.stream()
			.filter((name) -> !options.contains(name) && !isSpringProperty(name))
			.sorted()
			.findFirst();
		if (unknown.isPresent()) {
			throw unknown(unknown.get());
		}
	}

	/**
	 * The arguments that are not options, in the order given.
	 * @return the plain arguments
	 */
	public List<String> plain() {
		return this.arguments.getNonOptionArgs();
	}

	/**
	 * Every value of an option that may be given more than once, each of which must be
	 * there.
	 * @param name the option's name
	 * @return the trimmed values in the order given; empty when the option is not given
	 */
	public List<String> values(String name) {
		List<String> values = this.arguments.getOptionValues(name);
		if (values == null) {
			return List.of();
		}
		// Spring keeps no value for --name or --name=, so fewer values than occurrences
		// means one was given without
		if (values.size() < given(name).size() || values.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("--" + name + " needs a value (--" + name + "=…)");
		}
		return values.stream().map(String::trim).toList();
	}

	/**
	 * The value of an option, which must be there and is read as given; given more than
	 * once, each is read in order and the last counts.
	 * @param <T> what the value is read as
	 * @param name the option's name
	 * @param reader reads a trimmed value, refusing an invalid one with an
	 * {@link IllegalArgumentException}
	 * @return the value; empty when the option is not given
	 */
	public <T> Optional<T> value(String name, Function<String, T> reader) {
		T last = null;
		for (String value : values(name)) {
			last = reader.apply(value);
		}
		return Optional.ofNullable(last);
	}

	/**
	 * The value of an option as a whole number of at least 1.
	 * @param name the option's name
	 * @param otherwise the number when the option is not given
	 * @return the number
	 */
	public int positive(String name, int otherwise) {
		return value(name, (text) -> positive(name, text)).orElse(otherwise);
	}

	/**
	 * A switch: given alone or as {@code =true} it is on, {@code =false} off.
	 * @param name the option's name
	 * @return whether it is on
	 */
	public boolean flag(String name) {
		List<String> given = given(name);
		if (given.isEmpty()) {
			return false;
		}
		// an empty value is neither true nor false, though Spring drops it
		if (given.contains("--" + name + "=")) {
			throw notAFlag(name, "");
		}
		List<String> values = this.arguments.getOptionValues(name);
		for (String value : values) {
			if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				throw notAFlag(name, value);
			}
		}
		// given more than once, the last counts
		return given.get(given.size() - 1).equals("--" + name)
				|| values.get(values.size() - 1).equalsIgnoreCase("true");
	}

	/**
	 * The Spring properties ({@code --spring.rabbitmq.host=…}, {@code --outbound-sms.…}),
	 * for the command's Spring environment.
	 * @return the arguments as given, in their order
	 */
	public List<String> springArguments() {
		List<String> names = this.arguments.getOptionNames()
			.stream()
			.filter(CommandArguments::isSpringProperty)
			.toList();
		return Arrays.stream(this.arguments.getSourceArgs())
			.filter((argument) -> names.stream().anyMatch((name) -> gives(argument, name)))
			.toList();
	}

	/** The arguments that give an option, in their order. */
	private List<String> given(String name) {
		return Arrays.stream(this.arguments.getSourceArgs()).filter((argument) -> gives(argument, name)).toList();
	}

	private static boolean gives(String argument, String name) {
		return argument.equals("--" + name) || argument.startsWith("--" + name + "=");
	}

	/** A name with a dot is a Spring property; the commands' own options have none. */
	private static boolean isSpringProperty(String name) {
		return name.contains(".");
	}

	private static int positive(String name, String text) {
		int number;
		try {
			number = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " is not a whole number: " + text, ex);
		}
		if (number < 1) {
			throw new IllegalArgumentException("--" + name + " must be at least 1, was " + text);
		}
		return number;
	}

	private static IllegalArgumentException unknown(String name) {
		return new IllegalArgumentException("unknown option --" + name);
	}

	private static IllegalArgumentException notAFlag(String name, String value) {
		return new IllegalArgumentException("--" + name + " takes no value other than true or false, was " + value);
	}

}
