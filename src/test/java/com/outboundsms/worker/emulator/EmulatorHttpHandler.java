package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one HTTP entry point: applies faults and authentication, dispatches to the route
 * table under the state lock, answers JSON (errors as Twilio's envelope) and records each
 * Twilio request in the log. Control requests under {@code /_emulator/} skip faults,
 * authentication and the log.
 */
final class EmulatorHttpHandler implements HttpHandler {

	private static final String CONTROL_PREFIX = "/_emulator/";

	private final Routes twilioRoutes;

	private final Routes controlRoutes;

	private final EmulatorState state;

	private final EmulatorSettings settings;

	private final FaultPlan faults;

	private final RequestLog log;

	private final Runnable dueWork;

	/**
	 * @param dueWork what has come due by now (an interaction set up later, a
	 * conversation timer), done under the state lock before each request is handled
	 */
	EmulatorHttpHandler(Routes twilioRoutes, Routes controlRoutes, EmulatorState state, EmulatorSettings settings,
			FaultPlan faults, RequestLog log, Runnable dueWork) {
		this.dueWork = dueWork;
		this.twilioRoutes = twilioRoutes;
		this.controlRoutes = controlRoutes;
		this.state = state;
		this.settings = settings;
		this.faults = faults;
		this.log = log;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Instant at = this.state.instant();
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			Params query = Params.parse(exchange.getRequestURI().getRawQuery());
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Params form = isJson(exchange) ? Params.parse(null) : Params.parse(body);
			if (path.startsWith(CONTROL_PREFIX)) {
				respond(exchange, dispatch(this.controlRoutes, method, path, query, form, body));
				return;
			}
			BasicCredentials credentials = BasicCredentials
				.parse(exchange.getRequestHeaders().getFirst("Authorization"));
			Answer answer = answerTwilio(method, path, query, form, body, credentials);
			// logged before answering: whoever reads the log after the answer must find
			// the request
			this.log.add(new RecordedRequest(method, path, this.twilioRoutes.templateOf(path), query, form,
					(credentials != null) ? credentials.username() : null, (answer != null) ? answer.status() : 0,
					(answer != null) ? answer.errorCode() : null, (answer != null) ? answer.resourceSid() : null, at));
			if (answer != null && answer.delivered()) {
				respond(exchange, answer);
			}
		}
	}

	/**
	 * Returns the answer to a Twilio request, or {@code null} when the fault plan drops
	 * the connection.
	 */
	private @Nullable Answer answerTwilio(String method, String path, Params query, Params form, String body,
			@Nullable BasicCredentials credentials) {
		FaultDecision decision = this.faults.decide(method, path);
		try {
			pause(decision.delay());
			if (decision.action() == FaultDecision.Action.DROP) {
				return null;
			}
			if (decision.action() == FaultDecision.Action.FAIL) {
				return Answer.error(decision.error());
			}
			if (this.faults.badCredentials() || !authenticated(credentials)) {
				return Answer.error(TwilioApiException.unauthenticated());
			}
			Answer answer = dispatch(this.twilioRoutes, method, path, query, form, body);
			return (decision.action() == FaultDecision.Action.LOSE_ANSWER) ? answer.lost() : answer;
		}
		finally {
			if (decision.action() == FaultDecision.Action.PROCEED) {
				this.faults.release();
			}
		}
	}

	private Answer dispatch(Routes routes, String method, String path, Params query, Params form, String body) {
		try {
			Routes.Match match = routes.match(method, path);
			ApiRequest request = new ApiRequest(method, path, match.variables(), query, form, body);
			ApiResponse response = this.state.atomically(() -> {
				this.dueWork.run();
				return match.route().handler().apply(request);
			});
			return new Answer(response.status(), response.body(), null, true);
		}
		catch (TwilioApiException ex) {
			return Answer.error(ex);
		}
		catch (RuntimeException ex) {
			// an emulator bug: answer like a Twilio outage so the client's error path is
			// exercised visibly
			return Answer.error(new TwilioApiException(500, 20500, "Emulator error: " + ex));
		}
	}

	/** Whether the body is JSON (token validation) rather than Twilio's usual form. */
	private static boolean isJson(HttpExchange exchange) {
		String type = exchange.getRequestHeaders().getFirst("Content-Type");
		return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
	}

	private boolean authenticated(@Nullable BasicCredentials credentials) {
		if (credentials == null) {
			return false;
		}
		if (credentials.username().equals(this.settings.accountSid())) {
			return credentials.password().equals(this.settings.authToken());
		}
		return credentials.password().equals(this.settings.apiKeys().get(credentials.username()));
	}

	private static void pause(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			// the server is stopping: answer at once rather than swallow the interrupt
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		if (answer.body() == null) {
			exchange.sendResponseHeaders(answer.status(), -1);
			return;
		}
		byte[] bytes = Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(answer.status(), bytes.length);
		try (OutputStream body = exchange.getResponseBody()) {
			body.write(bytes);
		}
	}

	/**
	 * What is sent back: status, body and the Twilio error code when it is an error, and
	 * whether it reaches the caller at all.
	 */
	private record Answer(int status, @Nullable JsonNode body, @Nullable Integer errorCode, boolean delivered) {

		@Nullable String resourceSid() {
			JsonNode sid = (this.body != null) ? this.body.get("sid") : null;
			return (sid != null && sid.isString()) ? sid.asString() : null;
		}

		static Answer error(TwilioApiException error) {
			ObjectNode body = Json.object();
			body.put("code", error.code());
			body.put("message", error.getMessage());
			body.put("more_info", "https://www.twilio.com/docs/errors/" + error.code());
			body.put("status", error.status());
			return new Answer(error.status(), body, error.code(), true);
		}

		/** The answer as the request log keeps it, never sent. */
		Answer lost() {
			return new Answer(this.status, this.body, this.errorCode, false);
		}

	}

}
