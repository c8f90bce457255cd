import { refuseOnNode } from '@thidua/kit';
import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AwardsContext } from '../context.js';
import { requireActor } from '../year/year.guard.js';
import { EvidenceFile } from './evidence-file.entity.js';
import { readableFile, registerFile } from './evidence.service.js';

@Resolver(() => EvidenceFile)
export class EvidenceResolver {
  @Query(() => EvidenceFile, {
    nullable: true,
    description:
      'A file, when the signed-in viewer may read it (the Ministry any; a member its own and its seasons’ files); ' +
      'null otherwise. The gateway asks this before it serves GET /files/{id}',
  })
  file(@Arg('id', () => ID) id: string, @Ctx() ctx: AwardsContext): Promise<EvidenceFile | null> {
    return readableFile(ctx.db.manager, ctx.viewer, id);
  }

  @Directive('@inaccessible')
  @Mutation(() => EvidenceFile, {
    description: 'Records a file the gateway stored for the uploader (the gateway calls it; not in the public API)',
  })
  registerFile(
    @Arg('id', () => ID) id: string,
    @Arg('fileName') fileName: string,
    @Arg('contentType') contentType: string,
    @Arg('size', () => Int) size: number,
    @Arg('sha256') sha256: string,
    @Ctx() ctx: AwardsContext,
  ): Promise<EvidenceFile> {
    refuseOnNode(ctx, 'registerFile');
    const who = requireActor(ctx.viewer, 'registerFile');
    return ctx.db.transaction((tx) => registerFile(tx, who, { id, fileName, contentType, size, sha256 }));
  }
}
