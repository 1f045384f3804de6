import { collaborationDocumentName } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import contentDisposition from 'content-disposition';
import { siteChanged } from '../../../../files/server/src/services/site-changed';
import { accounts, getService, membershipOf, parse, refusal, viewerId } from '../utils';
import { PLUGIN_ID } from '../constants';
import { formatSchema, idSchema, newCommentSchema, newDocumentSchema, replySchema, resolvedSchema, versionNameSchema } from './validation';

/** A colour for a person's cursor, the same on every visit: from the NHS palette, dark enough for white text. */
const CURSOR_COLOURS = ['#005eb8', '#007f3b', '#330072', '#7c2855', '#d5281b', '#003087', '#00403a', '#425563'];

/**
 * The documents' REST routes: thin; the membership policy on each route decided the workspace
 * and the asker's access, the services do the rest.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = () => getService(strapi, 'documents');
  const actor = (ctx: any) => {
    const { workspace, access } = membershipOf(ctx, PLUGIN_ID);
    return { workspace, access, viewerId: viewerId(ctx) };
  };
  const documentId = (ctx: any) => parse(idSchema('The document id'), ctx.params.id);
  /** The document, live and of this workspace, with what the asker may do to it. */
  const opened = async (ctx: any) => {
    const who = actor(ctx);
    const item = await documents().find(who.workspace.id, documentId(ctx));
    return { who, item, can: documents().abilities(who, item) };
  };
  const requireWrite = (can: { edit?: boolean }, what: string) => {
    if (!can.edit) throw refusal(`Only members of this workspace can ${what}`);
  };

  return {
    async create(ctx: any) {
      const input = parse(newDocumentSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await documents().create(actor(ctx), input) };
    },

    async show(ctx: any) {
      const who = actor(ctx);
      ctx.body = { data: await documents().view(who, documentId(ctx)) };
    },

    async ticket(ctx: any) {
      const { who, item, can } = await opened(ctx);
      const { ticket, expiresAt } = getService(strapi, 'tickets').issue(who.viewerId, item.id);
      const [person] = [...(await accounts(strapi).people.byId([who.viewerId])).values()];
      ctx.set('cache-control', 'no-store');
      ctx.body = {
        data: {
          ticket,
          documentName: collaborationDocumentName(item.id),
          readOnly: !can.edit,
          expiresAt: expiresAt.toISOString(),
          user: { id: who.viewerId, name: person?.name ?? 'A member', colour: CURSOR_COLOURS[who.viewerId % CURSOR_COLOURS.length]! },
        },
      };
    },

    async export(ctx: any) {
      const { who, item } = await opened(ctx);
      const format = parse(formatSchema, ctx.params.format);
      const exported = await getService(strapi, 'exports').export(who.workspace, item.id, item.name, format);
      ctx.set('content-type', exported.type);
      ctx.set('content-disposition', contentDisposition(exported.filename, { type: 'attachment' }));
      ctx.set('cache-control', 'private, no-store');
      ctx.set('x-content-type-options', 'nosniff');
      ctx.body = exported.body;
    },

    async versions(ctx: any) {
      const { item, can } = await opened(ctx);
      ctx.body = { data: { versions: await getService(strapi, 'versions').list(item.id), can } };
    },

    async nameVersion(ctx: any) {
      const { who, item, can } = await opened(ctx);
      requireWrite(can, 'name a version');
      const { name } = parse(versionNameSchema, ctx.request.body);
      const version = await getService(strapi, 'versions').name(item.id, who.viewerId, name);
      await accounts(strapi).audit.record({
        action: 'document.version-named',
        actorId: who.viewerId,
        workspaceId: who.workspace.id,
        details: { itemId: item.id, name: item.name, version: version.id, versionName: name },
      });
      ctx.status = 201;
      ctx.body = { data: version };
    },

    async version(ctx: any) {
      const { item, can } = await opened(ctx);
      const versionId = parse(idSchema('The version'), ctx.params.version);
      ctx.body = { data: { ...(await getService(strapi, 'versions').show(item.id, versionId)), can } };
    },

    async restoreVersion(ctx: any) {
      const { who, item, can } = await opened(ctx);
      requireWrite(can, 'restore a version');
      const versionId = parse(idSchema('The version'), ctx.params.version);
      const context = { userId: who.viewerId, itemId: item.id, workspaceId: who.workspace.id, name: '', reservation: '', decidedAt: 0 };
      const { keptAs } = await getService(strapi, 'versions').restore(item.id, versionId, who.viewerId, context);
      await accounts(strapi).audit.record({
        action: 'document.version-restored',
        actorId: who.viewerId,
        workspaceId: who.workspace.id,
        details: { itemId: item.id, name: item.name, version: versionId, keptAs },
      });
      await siteChanged(strapi, who.workspace, 'document version restored');
      ctx.body = { data: { restored: true, keptAs } };
    },

    async comment(ctx: any) {
      const { who, item, can } = await opened(ctx);
      requireWrite(can, 'comment');
      const input = parse(newCommentSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'comments').add(item.id, who.viewerId, input) };
    },

    async reply(ctx: any) {
      const { who, item, can } = await opened(ctx);
      requireWrite(can, 'reply to a comment');
      const commentId = parse(idSchema('The comment'), ctx.params.comment);
      const { body } = parse(replySchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await getService(strapi, 'comments').reply(item.id, commentId, who.viewerId, body) };
    },

    async resolve(ctx: any) {
      const { who, item, can } = await opened(ctx);
      requireWrite(can, 'resolve or reopen a comment');
      const commentId = parse(idSchema('The comment'), ctx.params.comment);
      const { resolved } = parse(resolvedSchema, ctx.request.body);
      ctx.body = { data: await getService(strapi, 'comments').resolve(item.id, commentId, who.viewerId, resolved) };
    },
  };
};
