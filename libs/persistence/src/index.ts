export { Database, ENTITIES, MIGRATIONS, type OpenDatabaseOptions } from './database';
export { PersistenceModule } from './persistence.module';
export { CustomerEntity } from './entities/customer.entity';
export { ChannelIdentityEntity } from './entities/channel-identity.entity';
export { ConversationEntity } from './entities/conversation.entity';
export { MessageEntity, type CitationRecord } from './entities/message.entity';
