import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, HttpAdapterHost, MetadataScanner } from '@nestjs/core';
import { ENGAGE_SEND_CONFIG } from '../engage-send.constants.js';
import type { EngageSendConfig } from '../options/engage-send-config.js';
import { buildHandlerTable } from './call-handler-table.js';
import { discoverCallHandlers } from './discover-call-handlers.js';
import { EngageEndpointSetupError } from './endpoint-setup.error.js';
import { mountSourceEndpoint } from './platform/mount-source-endpoint.js';
import { SourceEndpoint } from './source-endpoint.js';

/**
 * Sets up the source endpoint of one registration: mounts it on the HTTP
 * platform as soon as the platform exists, then, once every provider is
 * built, finds the handlers, checks them against the options and starts
 * answering. Present in every registration, so that handlers aimed at a
 * registration without an `endpoint` option are reported too.
 */
@Injectable()
export class SourceEndpointHost implements OnModuleInit {
  /** The endpoint, when the registration has one. */
  readonly endpoint: SourceEndpoint | undefined;
  private readonly logger: Logger;
  private mountProblem: string | undefined;
  private mounted = false;

  constructor(
    @Inject(ENGAGE_SEND_CONFIG) private readonly config: EngageSendConfig,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.logger = new Logger(config.name ? `EngageEndpoint:${config.name}` : 'EngageEndpoint');
    if (config.sourceEndpoint === undefined) return;
    const endpoint = new SourceEndpoint(config, config.sourceEndpoint);
    this.endpoint = endpoint;
    // Nest adds its body parsers in app.init(). The adapter exists while modules
    // are instantiated (NestFactory.create) or appears when a testing module
    // creates its application: mounting then puts the endpoint in front of them.
    const mount = (): void => {
      // An application context sets no adapter (null): nothing to mount on.
      if (!adapterHost.httpAdapter || this.mounted) return;
      try {
        this.mountProblem = mountSourceEndpoint(adapterHost.httpAdapter, endpoint);
      } catch (error) {
        // Reported at onModuleInit: thrown here, it would escape as an unhandled rxjs error.
        this.mountProblem = `endpoint: could not be mounted on the HTTP platform (${error instanceof Error ? error.message : String(error)})`;
      }
      this.mounted = this.mountProblem === undefined;
    };
    if (adapterHost.httpAdapter) mount();
    // `init$` is missing from older Nest versions: there, only NestFactory.create mounts in time.
    else (adapterHost.init$ as HttpAdapterHost['init$'] | undefined)?.subscribe(mount);
  }

  onModuleInit(): void {
    const { config } = this;
    const registrations = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.token === ENGAGE_SEND_CONFIG && wrapper.instance)
      .map((wrapper) => (wrapper.instance as EngageSendConfig).name);
    const { table, problems } = buildHandlerTable(
      discoverCallHandlers(this.discovery, this.scanner),
      { name: config.name, endpoint: config.sourceEndpoint, sourceOptions: config.sourceOptions },
      registrations,
    );
    if (this.mountProblem !== undefined) problems.unshift(this.mountProblem);
    if (problems.length > 0) throw new EngageEndpointSetupError(problems, config.name);
    if (this.endpoint === undefined) return;
    const info = this.endpoint.activate(table);
    if (!this.mounted) {
      this.logger.warn(
        this.adapterHost.httpAdapter
          ? `the Engage endpoint ${this.endpoint.path} could not be mounted before the body parsers (this Nest version tells no one when its HTTP adapter is set): create the app with NestFactory.create`
          : `no HTTP server in this application: the Engage endpoint ${this.endpoint.path} is not served`,
      );
      return;
    }
    const objects = Object.entries(info.objects).map(([object, operations]) => `${object}: ${operations.join(', ')}`);
    this.logger.log(`Engage source endpoint at POST ${this.endpoint.path} (source ${config.sourceId}); declares ${objects.join('; ') || 'no objects'}`);
  }
}
