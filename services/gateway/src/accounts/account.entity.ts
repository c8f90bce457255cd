import type { Role } from '@thidua/kit';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RoleName } from './role.js';

/** A person's account at the gateway; `User` in the API. The password is kept only as a scrypt hash. */
@ObjectType('User', { description: 'An account that signs in to thidua' })
@Entity({ name: 'account' })
export class Account {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: 'Lowercase letters, digits, ".", "_" and "-", e.g. "vinh-phuc" or "nguyen.van.a"' })
  @Column({ type: 'text' })
  username!: string;

  @Field(() => String, { nullable: true, description: 'Display name, e.g. "Nguyễn Văn A"' })
  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Field(() => RoleName)
  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'province_id', type: 'text', nullable: true })
  provinceId!: string | null;

  @Field({ description: 'A disabled account cannot sign in, and its sessions have ended' })
  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash?: string | null;

  @Column({ name: 'oidc_issuer', type: 'text', nullable: true })
  oidcIssuer!: string | null;

  @Column({ name: 'oidc_subject', type: 'text', nullable: true })
  oidcSubject!: string | null;

  @Field({ description: 'Who created it' })
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Field(() => DateTimeResolver)
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Field({ description: 'Who changed it last' })
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @Field(() => DateTimeResolver)
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;
}

/** What the HTTP endpoints answer about an account (the same fields as the API's User). */
export interface AccountView {
  id: string;
  username: string;
  name: string | null;
  role: string;
  provinceId: string | null;
  enabled: boolean;
}

export function accountView(account: Account): AccountView {
  return {
    id: account.id,
    username: account.username,
    name: account.name,
    role: account.role.toUpperCase(),
    provinceId: account.provinceId,
    enabled: account.enabled,
  };
}
