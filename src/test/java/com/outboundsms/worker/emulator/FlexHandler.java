package com.outboundsms.worker.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Serves the Flex API: {@code /flex-api/v1/FlexFlows}, {@code /flex-api/v1/Channels} and
 * {@code /flex-api/v1/Configuration}.
 */
final class FlexHandler {

	private static final String PREFIX = "/flex-api/v1";

	private final FlexBackend backend;

	private final EmulatorState state;

	private final FlexViews views;

	FlexHandler(EmulatorState state, FlexBackend backend, FlexViews views) {
		this.state = state;
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes.add("GET", PREFIX + "/FlexFlows", this::listFlows)
			.add("POST", PREFIX + "/FlexFlows", this::createFlow)
			.add("GET", PREFIX + "/FlexFlows/{Sid}",
					(request) -> ApiResponse.ok(this.views.flow(this.backend.flow(request.variable("Sid")))))
			.add("DELETE", PREFIX + "/FlexFlows/{Sid}", (request) -> {
				this.backend.deleteFlow(request.variable("Sid"));
				return ApiResponse.noContent();
			})
			.add("GET", PREFIX + "/Configuration",
					(request) -> ApiResponse
						.ok(this.views.configuration(this.state.flexInstance, this.state.defaultChatServiceSid())))
			.add("GET", PREFIX + "/Channels", this::listChannels)
			.add("POST", PREFIX + "/Channels", this::createChannel)
			.add("GET", PREFIX + "/Channels/{Sid}",
					(request) -> ApiResponse.ok(this.views.channel(this.backend.channel(request.variable("Sid")))))
			.add("DELETE", PREFIX + "/Channels/{Sid}", (request) -> {
				this.backend.deleteChannel(request.variable("Sid"));
				return ApiResponse.noContent();
			});
	}

	private ApiResponse listFlows(ApiRequest request) {
		String friendlyName = request.query().first("FriendlyName");
		List<FlexFlow> flows = this.state.flex.flows()
			.stream()
			.filter((flow) -> friendlyName == null || friendlyName.equals(flow.friendlyName()))
			.toList();
		Map<String, String> filters = new LinkedHashMap<>();
		if (friendlyName != null) {
			filters.put("FriendlyName", friendlyName);
		}
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("flex_flows", flows, this.views::flow, FlexViews.BASE + "/FlexFlows", filters));
	}

	/**
	 * Creates a flow; a {@code task} flow's integration starts from the task defaults,
	 * any other holds only what was sent (a Studio flow: {@code flow_sid}, as Twilio's
	 * example shows).
	 */
	private ApiResponse createFlow(ApiRequest request) {
		Params form = request.form();
		String friendlyName = form.required("FriendlyName");
		String chatServiceSid = form.required("ChatServiceSid");
		String channelType = form.required("ChannelType");
		String integrationType = valueOr(form.first("IntegrationType"), "studio");
		NewFlexFlow defaults = NewFlexFlow.sms(valueOr(form.first("ContactIdentity"), ""));
		Map<String, Object> integration = "task".equals(integrationType) ? new LinkedHashMap<>(defaults.integration())
				: new LinkedHashMap<>();
		form.values().forEach((name, values) -> {
			if (name.startsWith("Integration.")) {
				integration.put(snakeCase(name.substring("Integration.".length())), values.get(0));
			}
		});
		NewFlexFlow spec = new NewFlexFlow(friendlyName, defaults.contactIdentity(), chatServiceSid, channelType,
				integrationType, integration, Boolean.TRUE.equals(form.bool("Enabled")),
				Boolean.TRUE.equals(form.bool("LongLived")), Boolean.TRUE.equals(form.bool("JanitorEnabled")));
		return ApiResponse.created(this.views.flow(this.backend.createFlow(spec)));
	}

	private ApiResponse listChannels(ApiRequest request) {
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("flex_chat_channels", this.state.flex.channels(), this.views::channel,
					FlexViews.BASE + "/Channels", Map.of()));
	}

	private ApiResponse createChannel(ApiRequest request) {
		Params form = request.form();
		NewFlexChannel channel = new NewFlexChannel(form.required("FlexFlowSid"), form.required("Identity"),
				form.required("ChatUserFriendlyName"), form.required("ChatFriendlyName"), form.first("Target"),
				form.first("ChatUniqueName"), form.first("TaskSid"), form.first("TaskAttributes"),
				form.bool("LongLived"));
		return ApiResponse.created(this.views.channel(this.backend.createChannel(channel)));
	}

	private static String valueOr(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Maps a create parameter suffix such as {@code RetryCount} to its response key
	 * {@code retry_count}.
	 */
	static String snakeCase(String pascal) {
		return pascal.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

}
