package com.outboundsms.worker.emulator;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which requests a rule of the {@link FaultPlan} applies to: a method ({@code null} or
 * {@code *} for any) and a regular expression over the whole raw path.
 *
 * @param method the method, or {@code null} or {@code *} for any
 * @param path the path's expression
 */
record RequestMatch(@Nullable String method, Pattern path) {

	boolean matches(String requestMethod, String requestPath) {
		boolean anyMethod = this.method == null || "*".equals(this.method);
		return (anyMethod || this.method.equalsIgnoreCase(requestMethod)) && this.path.matcher(requestPath).matches();
	}

}
