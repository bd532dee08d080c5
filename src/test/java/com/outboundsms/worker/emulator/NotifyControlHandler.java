package com.outboundsms.worker.emulator;

import java.time.Duration;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the control API of "message now, task on reply": opt-outs, the emulator's clock
 * (moved forward to let conversation timers run out), and where conversation state
 * changes are posted. Bodies are JSON objects or forms.
 */
final class NotifyControlHandler {

	private static final String PREFIX = "/_emulator";

	private final EmulatorState state;

	private final StateWebhookSender webhooks;

	private final String authToken;

	private final Runnable dueWork;

	/**
	 * @param authToken what signs webhooks when the control request names no token
	 * @param dueWork what comes due as time passes, done again once the clock moved
	 */
	NotifyControlHandler(EmulatorState state, StateWebhookSender webhooks, String authToken, Runnable dueWork) {
		this.state = state;
		this.webhooks = webhooks;
		this.authToken = authToken;
		this.dueWork = dueWork;
	}

	void register(Routes routes) {
		routes.add("POST", PREFIX + "/opt-outs", (request) -> {
			Params fields = request.fields();
			this.state.optOuts.add(fields.first("from"), fields.required("to"));
			return ApiResponse.noContent();
		})
			.add("GET", PREFIX + "/opt-outs", (request) -> ApiResponse.ok(optOuts()))
			.add("DELETE", PREFIX + "/opt-outs", (request) -> {
				this.state.optOuts.clear();
				return ApiResponse.noContent();
			})
			.add("GET", PREFIX + "/clock", (request) -> ApiResponse.ok(clock()))
			.add("POST", PREFIX + "/clock/advance", this::advanceClock)
			.add("POST", PREFIX + "/webhooks/conversation-state", (request) -> {
				Params fields = request.fields();
				String authToken = fields.first("authToken");
				this.webhooks.target(fields.required("url"), (authToken != null) ? authToken : this.authToken);
				return ApiResponse.noContent();
			})
			.add("GET", PREFIX + "/webhooks/conversation-state", (request) -> ApiResponse.ok(stateWebhook()))
			.add("DELETE", PREFIX + "/webhooks/conversation-state", (request) -> {
				this.webhooks.reset();
				return ApiResponse.noContent();
			});
	}

	/**
	 * Moves the clock forward by {@code seconds} (a whole number, not negative) and
	 * applies the timers that came due on the way.
	 */
	private ApiResponse advanceClock(ApiRequest request) {
		int seconds = request.fields().requiredInteger("seconds");
		if (seconds < 0) {
			throw TwilioApiException.invalidParameter("seconds", seconds + " (the clock only moves forward)");
		}
		this.state.advance(Duration.ofSeconds(seconds));
		this.dueWork.run();
		return ApiResponse.ok(clock());
	}

	private ObjectNode clock() {
		ObjectNode json = Json.object();
		json.put("now", TwilioTime.format(this.state.now()));
		json.put("advanced_seconds", this.state.advanced().toSeconds());
		return json;
	}

	private ArrayNode optOuts() {
		ArrayNode array = Json.MAPPER.createArrayNode();
		for (OptOuts.OptOut optOut : this.state.optOuts.all()) {
			ObjectNode json = array.addObject();
			json.put("from", optOut.from());
			json.put("to", optOut.to());
		}
		return array;
	}

	private ObjectNode stateWebhook() {
		ObjectNode json = Json.object();
		StateWebhookSender.Target target = this.webhooks.target();
		json.put("url", (target != null) ? target.url() : null);
		ArrayNode deliveries = json.putArray("deliveries");
		for (StateWebhookDelivery delivery : this.webhooks.deliveries()) {
			ObjectNode row = deliveries.addObject();
			row.put("url", delivery.url());
			row.put("conversation_sid", delivery.conversationSid());
			row.put("state_from", delivery.stateFrom());
			row.put("state_to", delivery.stateTo());
			row.put("reason", delivery.reason());
			row.put("status", delivery.status());
			row.put("attempts", delivery.attempts());
		}
		return json;
	}

}
