package com.outboundsms.worker.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The route table: path templates such as
 * {@code /proxy/v1/Services/{ServiceSid}/Sessions} per method, matched against raw
 * request paths (unknown path: 20404, known path with another method: 20004).
 */
final class Routes {

	private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

	private final List<Route> routes = new ArrayList<>();

	Routes add(String method, String template, Function<ApiRequest, ApiResponse> handler) {
		List<String> names = new ArrayList<>();
		Matcher variables = VARIABLE.matcher(template);
		StringBuilder regex = new StringBuilder();
		int last = 0;
		while (variables.find()) {
			regex.append(Pattern.quote(template.substring(last, variables.start()))).append("([^/]+)");
			names.add(variables.group(1));
			last = variables.end();
		}
		regex.append(Pattern.quote(template.substring(last)));
		this.routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, handler));
		return this;
	}

	/**
	 * Finds the route for a request, or throws the error Twilio answers.
	 */
	Match match(String method, String rawPath) {
		boolean pathKnown = false;
		for (Route route : this.routes) {
			Matcher matcher = route.pattern().matcher(rawPath);
			if (!matcher.matches()) {
				continue;
			}
			pathKnown = true;
			if (route.method().equals(method)) {
				Map<String, String> values = new LinkedHashMap<>();
				for (int i = 0; i < route.names().size(); i++) {
					values.put(route.names().get(i), URLDecoder.decode(matcher.group(i + 1), StandardCharsets.UTF_8));
				}
				return new Match(route, values);
			}
		}
		throw pathKnown ? TwilioApiException.methodNotAllowed(method) : TwilioApiException.notFound(rawPath);
	}

	/**
	 * The template a path belongs to whatever its method, for grouping the request log.
	 */
	@Nullable String templateOf(String rawPath) {
		return this.routes.stream()
			.filter((route) -> route.pattern().matcher(rawPath).matches())
			.map(Route::template)
			.findFirst()
			.orElse(null);
	}

	record Route(String method, String template, Pattern pattern, List<String> names,
			Function<ApiRequest, ApiResponse> handler) {

	}

	record Match(Route route, Map<String, String> variables) {

	}

}
