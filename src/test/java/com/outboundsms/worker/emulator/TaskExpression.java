package com.outboundsms.worker.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A TaskRouter expression as {@code EvaluateTaskAttributes} takes it, in the part the
 * emulator understands: an attribute (a dotted path) compared by {@code ==} or {@code !=}
 * with a quoted string, a number or a boolean, comparisons joined by {@code AND} and
 * {@code OR} ({@code and}, {@code &&}, {@code or}, {@code ||}; AND binds first). Anything
 * else is refused as TaskRouter refuses an expression it cannot read.
 */
final class TaskExpression {

	private static final Set<String> AND = Set.of("AND", "&&");

	private static final Set<String> OR = Set.of("OR", "||");

	/** Alternatives, each a list of comparisons that must all hold. */
	private final List<List<Comparison>> alternatives;

	private TaskExpression(List<List<Comparison>> alternatives) {
		this.alternatives = alternatives;
	}

	/**
	 * Reads an expression.
	 * @throws TwilioApiException 400/20001 when it is not one the emulator understands
	 */
	static TaskExpression parse(String text) {
		List<Token> tokens = tokens(text);
		List<List<Comparison>> alternatives = new ArrayList<>();
		List<Comparison> all = new ArrayList<>();
		int at = 0;
		while (true) {
			if (at + 3 > tokens.size() || tokens.get(at).quoted()
					|| !(tokens.get(at + 1).is("==") || tokens.get(at + 1).is("!="))) {
				throw invalid(text);
			}
			all.add(new Comparison(tokens.get(at).text(), tokens.get(at + 1).is("=="), literal(tokens.get(at + 2))));
			at += 3;
			if (at == tokens.size()) {
				alternatives.add(all);
				return new TaskExpression(alternatives);
			}
			String joint = tokens.get(at).text().toUpperCase(Locale.ROOT);
			if (OR.contains(joint)) {
				alternatives.add(all);
				all = new ArrayList<>();
			}
			else if (!AND.contains(joint)) {
				throw invalid(text);
			}
			at++;
		}
	}

	/**
	 * Whether a task's attributes satisfy the expression.
	 */
	boolean matches(JsonNode attributes) {
		return this.alternatives.stream()
			.anyMatch((all) -> all.stream().allMatch((comparison) -> comparison.holds(attributes)));
	}

	private static @Nullable Object literal(Token token) {
		if (token.quoted()) {
			return token.text();
		}
		String text = token.text();
		if (text.equals("true") || text.equals("false")) {
			return Boolean.valueOf(text);
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw invalid(text);
		}
	}

	private static List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		int at = 0;
		while (at < text.length()) {
			char c = text.charAt(at);
			if (Character.isWhitespace(c)) {
				at++;
			}
			else if (c == '"' || c == '\'') {
				int end = text.indexOf(c, at + 1);
				if (end < 0) {
					throw invalid(text);
				}
				tokens.add(new Token(text.substring(at + 1, end), true));
				at = end + 1;
			}
			else if (text.startsWith("==", at) || text.startsWith("!=", at) || text.startsWith("&&", at)
					|| text.startsWith("||", at)) {
				tokens.add(new Token(text.substring(at, at + 2), false));
				at += 2;
			}
			else {
				int end = at;
				while (end < text.length() && isWordCharacter(text.charAt(end))) {
					end++;
				}
				if (end == at) {
					throw invalid(text);
				}
				tokens.add(new Token(text.substring(at, end), false));
				at = end;
			}
		}
		return tokens;
	}

	private static boolean isWordCharacter(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+';
	}

	private static TwilioApiException invalid(String text) {
		return TwilioApiException.invalidParameter("EvaluateTaskAttributes", text);
	}

	private record Token(String text, boolean quoted) {

		boolean is(String operator) {
			return !this.quoted && this.text.equals(operator);
		}

	}

	private record Comparison(String path, boolean equal, @Nullable Object value) {

		boolean holds(JsonNode attributes) {
			JsonNode node = attributes;
			for (String name : this.path.split("\\.")) {
				node = (node != null && node.isObject()) ? node.get(name) : null;
			}
			return equals(node) == this.equal;
		}

		private boolean equals(@Nullable JsonNode node) {
			if (node == null) {
				return false;
			}
			if (this.value instanceof String text) {
				return node.isString() && node.asString().equals(text);
			}
			if (this.value instanceof Boolean flag) {
				return node.isBoolean() && node.asBoolean() == flag;
			}
			return node.isNumber() && node.decimalValue().compareTo((BigDecimal) this.value) == 0;
		}

	}

}
