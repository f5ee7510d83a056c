export { databaseTargets, embeddedTarget, type DatabaseTarget } from './database-targets';
export { assertTestDatabaseUrl } from './test-database.guard';
export { REPO_ROOT, testConfig } from './test-config';
export { connectChat, createSession, type ChatClient, type Session, type WireMessage } from './chat-client';
export { factory } from './factories';
export { connectDesk, type DeskClient, type DeskEvent } from './desk-client';
export {
  afterServiceHours,
  IN_SERVICE_HOURS,
  inServiceHours,
  nextBeijingHours,
  TestClock,
} from './test-clock';
// startTestApp lives in ./test-app (imported by e2e specs directly) so unit specs do not load the whole server.
export { errorCodeOf } from './error-code.util';
export {
  bagOfBigrams,
  FAKE_EMBEDDING_DIMENSIONS,
  type FakeChatReply,
  FakeOpenAiServer,
} from './fake-openai.server';
