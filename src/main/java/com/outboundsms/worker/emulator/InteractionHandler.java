package com.outboundsms.worker.emulator;

/**
 * Serves the Flex Interactions API: {@code /flex-api/v1/Interactions}.
 */
final class InteractionHandler {

	/**
	 * Twilio's docs say a create answers 200 (the interaction is set up asynchronously);
	 * the published OpenAPI spec says 201. The docs win; the body is the same.
	 */
	static final int CREATED_STATUS = 200;

	private static final String INTERACTIONS = "/flex-api/v1/Interactions";

	private final ConversationsBackend backend;

	private final ConversationsViews views;

	InteractionHandler(ConversationsBackend backend, ConversationsViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes
			.add("POST", INTERACTIONS,
					(request) -> new ApiResponse(CREATED_STATUS,
							this.views
								.interaction(this.backend.createInteraction(InteractionParser.parse(request.form())))))
			.add("GET", INTERACTIONS + "/{Sid}", (request) -> ApiResponse
				.ok(this.views.interaction(this.backend.interaction(request.variable("Sid")))));
	}

}
