/** A Kysely plugin that maps the logical table names of `schema.ts` to their prefixed names. */
import {
  IdentifierNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type TableNode,
  type UnknownRow,
} from 'kysely';
import { TABLES, type TableName, type TableNames } from './tables.js';

const LOGICAL: ReadonlySet<string> = new Set(TABLES);

class TablePrefixTransformer extends OperationNodeTransformer {
  constructor(private readonly names: TableNames) {
    super();
  }

  // Only the five logical names are rewritten, so aliases (`sessions as s` → `s.id`) and
  // foreign tables (catalogs, the migrator's own tables) pass through untouched.
  protected override transformTable(node: TableNode, queryId?: QueryId): TableNode {
    const transformed = super.transformTable(node, queryId);
    const name = transformed.table.identifier.name;
    if (!LOGICAL.has(name)) return transformed;
    const physical = this.names.table[name as TableName];
    return { ...transformed, table: { ...transformed.table, identifier: IdentifierNode.create(physical) } };
  }
}

export class TablePrefixPlugin implements KyselyPlugin {
  readonly #transformer: TablePrefixTransformer;

  constructor(names: TableNames) {
    this.#transformer = new TablePrefixTransformer(names);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
