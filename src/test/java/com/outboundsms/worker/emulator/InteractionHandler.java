package com.outboundsms.worker.emulator;

/**
 * Serves the Flex Interactions API: {@code /flex-api/v1/Interactions}, an interaction,
 * and its channel (read, and closed).
 */
final class InteractionHandler {

	/**
	 * Twilio's docs say a create answers 200 (the interaction is set up asynchronously);
	 * the published OpenAPI spec says 201. The docs win; the body is the same.
	 */
	static final int CREATED_STATUS = 200;

	private static final String INTERACTIONS = "/flex-api/v1/Interactions";

	private static final String CHANNEL = INTERACTIONS + "/{InteractionSid}/Channels/{Sid}";

	private final InteractionBackend backend;

	private final ConversationsViews views;

	InteractionHandler(InteractionBackend backend, ConversationsViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes
			.add("POST", INTERACTIONS,
					(request) -> new ApiResponse(CREATED_STATUS,
							this.views.interaction(this.backend.create(InteractionParser.parse(request.form())))))
			.add("GET", INTERACTIONS + "/{Sid}",
					(request) -> ApiResponse
						.ok(this.views.interaction(this.backend.interaction(request.variable("Sid")))))
			.add("GET", CHANNEL,
					(request) -> ApiResponse.ok(this.views.interactionChannel(
							this.backend.channel(request.variable("InteractionSid"), request.variable("Sid")))))
			.add("POST", CHANNEL,
					(request) -> ApiResponse
						.ok(this.views.interactionChannel(this.backend.updateChannel(request.variable("InteractionSid"),
								request.variable("Sid"), request.form().first("Status")))));
	}

}
