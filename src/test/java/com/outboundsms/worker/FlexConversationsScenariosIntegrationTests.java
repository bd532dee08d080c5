package com.outboundsms.worker;

/**
 * The flex-conversations scenarios with the emulator making an interaction's
 * conversation, task and participant as it answers the create (80102 at once when the
 * customer is in another conversation).
 */
@WorkerIntegrationTest
class FlexConversationsScenariosIntegrationTests extends FlexConversationsScenarios {

}
