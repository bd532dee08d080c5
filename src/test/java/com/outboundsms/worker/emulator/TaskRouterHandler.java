package com.outboundsms.worker.emulator;

/**
 * Serves what the emulator has of the TaskRouter API: the tasks of Flex's workspace under
 * {@code /taskrouter/v1/Workspaces/{WorkspaceSid}/Tasks}, fetched and ended.
 */
final class TaskRouterHandler {

	private static final String TASK = "/taskrouter/v1/Workspaces/{WorkspaceSid}/Tasks/{Sid}";

	private final TaskRouterBackend backend;

	private final TaskRouterViews views;

	TaskRouterHandler(TaskRouterBackend backend, TaskRouterViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes
			.add("GET", TASK,
					(request) -> ApiResponse.ok(this.views
						.task(this.backend.task(request.variable("WorkspaceSid"), request.variable("Sid")))))
			.add("POST", TASK, this::updateTask);
	}

	private ApiResponse updateTask(ApiRequest request) {
		Params form = request.form();
		FlexTask task = this.backend.update(request.variable("WorkspaceSid"), request.variable("Sid"),
				form.first("AssignmentStatus"), form.first("Reason"));
		return ApiResponse.ok(this.views.task(task));
	}

}
