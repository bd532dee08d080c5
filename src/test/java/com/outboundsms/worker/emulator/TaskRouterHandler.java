package com.outboundsms.worker.emulator;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves what the emulator has of the TaskRouter API: the tasks of Flex's workspace under
 * {@code /taskrouter/v1/Workspaces/{WorkspaceSid}/Tasks}, made, listed, fetched and
 * ended.
 */
final class TaskRouterHandler {

	private static final String TASKS = "/taskrouter/v1/Workspaces/{WorkspaceSid}/Tasks";

	private static final String TASK = TASKS + "/{Sid}";

	private final TaskRouterBackend backend;

	private final TaskRouterViews views;

	TaskRouterHandler(TaskRouterBackend backend, TaskRouterViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes.add("POST", TASKS, this::createTask)
			.add("GET", TASKS, this::listTasks)
			.add("GET", TASK,
					(request) -> ApiResponse.ok(this.views
						.task(this.backend.task(request.variable("WorkspaceSid"), request.variable("Sid")))))
			.add("POST", TASK, this::updateTask);
	}

	private ApiResponse createTask(ApiRequest request) {
		Params form = request.form();
		FlexTask task = this.backend.create(request.variable("WorkspaceSid"),
				new NewTask(form.first("Attributes"), form.first("WorkflowSid"), form.first("TaskChannel"),
						form.integer("Priority"), form.integer("Timeout")));
		return ApiResponse.created(this.views.task(task));
	}

	private ApiResponse listTasks(ApiRequest request) {
		String workspaceSid = request.variable("WorkspaceSid");
		Params query = request.query();
		List<String> statuses = query.all("AssignmentStatus")
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.filter((status) -> !status.isBlank())
			.toList();
		String expression = query.first("EvaluateTaskAttributes");
		Map<String, String> filters = new LinkedHashMap<>();
		if (!statuses.isEmpty()) {
			filters.put("AssignmentStatus", String.join(",", statuses));
		}
		if (expression != null) {
			filters.put("EvaluateTaskAttributes", expression);
		}
		return ApiResponse.ok(Paging.of(query)
			.envelope("tasks", this.backend.list(workspaceSid, statuses, expression), this.views::task,
					TaskRouterViews.workspaceUrl(workspaceSid) + "/Tasks", filters));
	}

	private ApiResponse updateTask(ApiRequest request) {
		Params form = request.form();
		FlexTask task = this.backend.update(request.variable("WorkspaceSid"), request.variable("Sid"),
				form.first("AssignmentStatus"), form.first("Reason"));
		return ApiResponse.ok(this.views.task(task));
	}

}
