import type { CareContact } from '../../domain/care/care-contact.js';
import type { CareServices } from '../../domain/care/care.ports.js';
import type { ClientRegistry } from '../../domain/client/save-client.js';
import type { CommunicationServices } from '../../domain/communication/communication.ports.js';
import type { ComplaintServices } from '../../domain/complaint/complaint.ports.js';
import type { D2Services } from '../../domain/d2/d2.ports.js';
import type { DigestServices } from '../../domain/kpi/digest.js';
import type {
  Announcements,
  ClientQueries,
  ComplaintQueries,
  D2Queries,
  RoleAdministration,
} from '../../domain/shared/queries.ports.js';
import type { RoleStore } from '../../domain/roles/change-roles.js';
import type { SettingsServices } from '../../domain/settings/change-settings.js';
import type { RoutingServices } from '../../domain/routing/routing.ports.js';
import type { TaxonomyServices } from '../../domain/taxonomy/taxonomy.ports.js';
import type { RoleDirectory } from '../../domain/shared/shared.ports.js';
import type { RegisterExports } from '../../domain/registers/registers.ports.js';
import type { SatisfactionServices } from '../../domain/satisfaction/satisfaction.ports.js';
import type { Locale } from '../../i18n/translate.js';

export interface ChatLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** What every chat adapter uses: the use cases' services, the queries, the company's settings. */
export interface ChatDeps {
  services: ComplaintServices & D2Services;
  complaints: ComplaintQueries;
  clients: ClientQueries;
  d2Requests: D2Queries;
  roles: RoleAdministration & RoleDirectory & RoleStore;
  announcements: Announcements;
  care: CareServices;
  digest: DigestServices;
  communications: CommunicationServices;
  /** The routing table as managers edit it from chat. */
  routing: RoutingServices;
  /** Departments, categories and problem codes as process owners edit them from chat. */
  taxonomy: TaxonomyServices;
  registers: RegisterExports;
  /** Company and personal settings set from chat (follow mode, the digest's destination). */
  settings: SettingsServices;
  satisfaction: SatisfactionServices;
  clientRegistry: ClientRegistry;
  /** Mod. 07_A9 as people read it: latest calls, for one client or all. */
  careLog: { recent(limit: number, clientId?: string): Promise<CareContact[]> };
  /** The bot's public address, for links people open (surveys). */
  publicUrl: string;
  defaultLocale: Locale;
  timeZone: string;
  log: ChatLog;
}
