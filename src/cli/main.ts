/**
 * The `lsqkit` command line: dispatch to the commands, help, and the mapping
 * of errors to exit codes (0 ok; 1 bad data, model or runtime error; 2 bad
 * usage; 3 a fit that did not converge). Never calls process.exit: the exit
 * code is returned, output goes through `io`.
 */
import { LsqError } from "../errors.js";
import { UsageError, suggest } from "./args.js";
import { DataError } from "./csv.js";
import { fitCommand } from "./fit-command.js";
import { EXIT, type CliIo, type CliLibrary } from "./io.js";
import { defaultLibrary } from "./library.js";
import { nistCommand } from "./nist-command.js";
import { trainCommand } from "./train.js";

export type { CliIo, CliLibrary } from "./io.js";

/** A command: `(args, io, library) => exit code`; usage / data errors are thrown and mapped here. */
type Command = (args: string[], io: CliIo, lib: CliLibrary) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  fit: { run: (a, io, lib) => fitCommand(a, io, lib), summary: "fit a model expression to the columns of a CSV file" },
  nist: { run: (a, io, lib) => nistCommand(a, io, lib), summary: "run the bundled NIST StRD reference suite and print LRE tables" },
  // src/cli/train.ts is owned by the neural-net layer
  train: { run: (a, io) => trainCommand(a, io), summary: "train a small neural network on the columns of a CSV file" },
};

export const MAIN_HELP = (): string => `Usage: lsqkit <command> [options]

Least squares from the command line: nonlinear curve fits with exact
derivatives, the NIST StRD reference suite${COMMANDS.train ? ", and neural-network training" : ""}.

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(7)}${c.summary}`)
  .join("\n")}

Run 'lsqkit <command> --help' for a command's options.

Examples:
  lsqkit fit data.csv --model "b1*exp(-b2*x)+b3" --start b1=1,b2=0.1,b3=0
  lsqkit nist --problem Misra1a
  lsqkit train data.csv --target y --layers 16,16
`;

/** Runs the CLI with `argv` = the words after the program name; returns the exit code. */
export async function runCli(argv: string[], io: CliIo, lib: CliLibrary = defaultLibrary): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    if (command === "help" && rest.length > 0) return runCli([rest[0], "--help"], io, lib);
    io.out(MAIN_HELP());
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) {
    const near = suggest(command, Object.keys(COMMANDS));
    io.err(`lsqkit: unknown command '${command}'${near ? `; did you mean '${near}'?` : ""} (see 'lsqkit --help')\n`);
    return EXIT.usage;
  }
  try {
    return await entry.run(rest, io, lib);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`lsqkit ${command}: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof DataError || err instanceof LsqError) {
      io.err(`lsqkit ${command}: ${err instanceof LsqError ? `${err.code}: ` : ""}${err.message}\n`);
      return EXIT.error;
    }
    io.err(`lsqkit ${command}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.error;
  }
}
