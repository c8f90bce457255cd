import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** The uploader of the demo data's placeholder files. */
export const DEMO_UPLOADER = 'demo';

/**
 * A file uploaded through the gateway (POST /files) as evidence or a compact
 * document. The gateway keeps the bytes; awards keeps what it is and who may see it.
 */
@ObjectType('Evidence', { description: 'A file (evidence, a signed compact): read its url with a sign-in' })
@Entity({ name: 'evidence_file' })
export class EvidenceFile {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Field()
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Field()
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Field(() => Int, { description: 'Bytes' })
  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @Column({ name: 'uploader_province', type: 'text', nullable: true })
  uploaderProvince!: string | null;

  @Field(() => DateTimeScalar)
  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  @Field({ description: 'A placeholder of the demo data, not a real document' })
  get demo(): boolean {
    return this.uploadedBy === DEMO_UPLOADER;
  }

  @Field({ description: 'Where the gateway serves it: GET with a sign-in; a member reads its own cluster’s files' })
  get url(): string {
    return `/files/${this.id}`;
  }
}
