import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** (channel, external id) → customer: a WeChat openid, a web visitor id, an app user id. */
@Entity({ name: 'channel_identity' })
export class ChannelIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
