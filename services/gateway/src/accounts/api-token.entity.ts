import type { Role } from '@thidua/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RoleName } from './role.js';

/** A named token for a script or a node; the token itself is shown once and stored only as a hash. */
@ObjectType({ description: 'A named API token for a script or a provincial node, issued by an admin' })
@Entity({ name: 'api_token' })
export class ApiToken {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'What it is for, e.g. "nhập số liệu Quảng Ninh"' })
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'token_hash', type: 'text', select: false })
  tokenHash?: string;

  @Field(() => RoleName)
  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'province_id', type: 'text', nullable: true })
  provinceId!: string | null;

  @Field({ description: 'The admin who issued it' })
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Field(() => DateTimeResolver)
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTimeResolver)
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true })
  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Last request made with it (to the minute)' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
