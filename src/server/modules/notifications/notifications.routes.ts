// Routes of one's own inbox and e-mail choices, and of the outbox. Thin: contract, service, reply.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  NotificationList,
  NotificationListQuery,
  NotificationParams,
  NotificationView,
  OutboxList,
  OutboxMessageView,
  OutboxParams,
  OutboxQuery,
  PreferenceList,
  PreferencesBody,
  UnreadCount,
} from '../../../contracts/notifications.ts';
import { contextOf } from '../../http/requestContext.ts';
import type { ModuleOptions } from '../moduleOptions.ts';
import * as service from './notifications.service.ts';

export const notificationRoutes: FastifyPluginAsyncZod<ModuleOptions> = async (app, { database }) => {
  const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, database);
  const tags = ['notifications'];

  app.get(
    '/api/notifications',
    { schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationList } } },
    async (request) => service.listInbox(ctx(request), request.query),
  );
  app.get(
    '/api/notifications/unread-count',
    { schema: { tags, response: { 200: UnreadCount } } },
    async (request) => service.unread(ctx(request)),
  );
  app.post(
    '/api/notifications/:notificationId/read',
    { schema: { tags, params: NotificationParams, response: { 200: NotificationView } } },
    async (request) => service.markRead(ctx(request), request.params.notificationId),
  );
  app.post(
    '/api/notifications/read-all',
    { schema: { tags, response: { 200: UnreadCount } } },
    async (request) => service.markAllRead(ctx(request)),
  );
  app.get(
    '/api/notification-preferences',
    { schema: { tags, response: { 200: PreferenceList } } },
    async (request) => service.preferences(ctx(request)),
  );
  app.put(
    '/api/notification-preferences',
    { schema: { tags, body: PreferencesBody, response: { 200: PreferenceList } } },
    async (request) => service.setPreferences(ctx(request), request.body),
  );
  app.get(
    '/api/outbox',
    { schema: { tags, querystring: OutboxQuery, response: { 200: OutboxList } } },
    async (request) => service.listOutbox(ctx(request), request.query),
  );
  app.post(
    '/api/outbox/:messageId/retry',
    { schema: { tags, params: OutboxParams, response: { 200: OutboxMessageView } } },
    async (request) => service.retryMessage(ctx(request), request.params.messageId),
  );
};
