package com.outboundsms.worker.commandline;

/**
 * One {@code --name[=value]} argument of a command, with the checks every command applies
 * to its values; a failed check names the option.
 *
 * @param raw the argument as given
 * @param name the option's name, without the leading dashes
 * @param value what follows {@code =}, {@code null} when nothing does
 */
public record CommandArgument(String raw, String name, String value) {

	/**
	 * Splits an argument that starts with {@code --}.
	 * @param argument the argument
	 * @return its name and value
	 */
	public static CommandArgument of(String argument) {
		int equals = argument.indexOf('=');
		String name = argument.substring(2, (equals >= 0) ? equals : argument.length());
		return new CommandArgument(argument, name, (equals >= 0) ? argument.substring(equals + 1) : null);
	}

	/**
	 * Whether this is an option at all ({@code --…}) rather than a plain argument.
	 * @param argument the argument
	 * @return {@code true} for an option
	 */
	public static boolean isOption(String argument) {
		return argument.startsWith("--");
	}

	/**
	 * A Spring property ({@code --spring.rabbitmq.host=…}) is passed on to the
	 * environment; any other unknown name is a mistake.
	 * @return the argument, for the Spring environment
	 * @throws IllegalArgumentException for an unknown option
	 */
	public String springProperty() {
		if (!this.name.contains(".")) {
			throw new IllegalArgumentException("unknown option --" + this.name);
		}
		return this.raw;
	}

	/**
	 * The value, which must be there.
	 * @return the trimmed value
	 */
	public String required() {
		if (this.value == null || this.value.isBlank()) {
			throw new IllegalArgumentException("--" + this.name + " needs a value (--" + this.name + "=…)");
		}
		return this.value.trim();
	}

	/**
	 * The value as a whole number of at least 1.
	 * @return the number
	 */
	public int positive() {
		String text = required();
		int number;
		try {
			number = Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + this.name + " is not a whole number: " + text, ex);
		}
		if (number < 1) {
			throw new IllegalArgumentException("--" + this.name + " must be at least 1, was " + text);
		}
		return number;
	}

	/**
	 * A switch: given alone or as {@code =true} it is on, {@code =false} off.
	 * @return whether it is on
	 */
	public boolean flag() {
		if (this.value == null || this.value.equalsIgnoreCase("true")) {
			return true;
		}
		if (this.value.equalsIgnoreCase("false")) {
			return false;
		}
		throw new IllegalArgumentException(
				"--" + this.name + " takes no value other than true or false, was " + this.value);
	}

}
