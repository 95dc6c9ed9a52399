// `roster completion bash|zsh|fish`: a completion script generated from the commander program
// itself, so every command and option the CLI has is in it and nothing else is.
import type { Command, Option } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionFacts {
  flags: string[]; // "-c", "--config"
  description: string;
  /** Absent: a flag without a value. Empty: any value (a file). */
  values?: string[];
}

interface CommandFacts {
  name: string;
  description: string;
  options: OptionFacts[];
}

export function completionScript(program: Command, shell: Shell): string {
  const commands = program.commands.map((command): CommandFacts => ({
    name: command.name(),
    description: command.description(),
    options: [...command.options.map(optionFacts), { flags: ['-h', '--help'], description: 'show help' }],
  }));
  const globals = program.options.map(optionFacts);
  switch (shell) {
    case 'bash':
      return bash(program.name(), commands, globals);
    case 'zsh':
      return zsh(program.name(), commands, globals);
    case 'fish':
      return fish(program.name(), commands, globals);
  }
}

function optionFacts(option: Option): OptionFacts {
  const takesValue = option.required || option.optional;
  return {
    flags: [option.short, option.long].filter((flag): flag is string => Boolean(flag)),
    description: option.description,
    ...(takesValue ? { values: option.argChoices ?? [] } : {}),
  };
}

function bash(name: string, commands: CommandFacts[], globals: OptionFacts[]): string {
  const fn = `_${name}_complete`;
  const words = (list: string[]) => list.join(' ');
  // After an option with choices, offer them: the case patterns are "<command> <flag>".
  const choiceCases = commands.flatMap((command) =>
    command.options
      .filter((option) => option.values && option.values.length > 0)
      .map((option) => {
        const patterns = option.flags.map((flag) => `"${command.name} ${flag}"`).join('|');
        return `    ${patterns}) COMPREPLY=($(compgen -W "${words(option.values ?? [])}" -- "$cur")); return ;;`;
      }),
  );
  const optionCases = commands.map(
    (command) =>
      `      ${command.name}) COMPREPLY=($(compgen -W "${words(command.options.flatMap((o) => o.flags))}" -- "$cur")) ;;`,
  );
  const first = [...commands.map((command) => command.name), ...globals.flatMap((option) => option.flags)];
  return `# ${name} completion for bash: add  eval "$(${name} completion bash)"  to ~/.bashrc
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="\${COMP_WORDS[1]}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${words(first)}" -- "$cur"))
    return
  fi
  case "$cmd $prev" in
${choiceCases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case "$cmd" in
${optionCases.join('\n')}
    esac
  fi
}
complete -o default -F ${fn} ${name}
`;
}

/** A description inside a zsh single-quoted _arguments spec: brackets and colons are syntax there. */
function zshText(text: string): string {
  return text.replace(/[[\]:\\]/g, (c) => `\\${c}`).replace(/'/g, `'\\''`);
}

function zsh(name: string, commands: CommandFacts[], globals: OptionFacts[]): string {
  const spec = (option: OptionFacts) =>
    option.flags.map((flag) => {
      const value = !option.values
        ? ''
        : option.values.length
          ? `:value:(${option.values.join(' ')})`
          : ':value:_files';
      return `'${flag}[${zshText(option.description)}]${value}'`;
    });
  const described = commands.map((command) => `    '${command.name}:${command.description.replace(/'/g, `'\\''`)}'`);
  const cases = commands.map(
    (command) => `    ${command.name}) _arguments ${command.options.flatMap(spec).join(' ')} '*:file:_files' ;;`,
  );
  return `#compdef ${name}
# ${name} completion for zsh: add  eval "$(${name} completion zsh)"  to ~/.zshrc after compinit
_${name}() {
  local -a commands
  commands=(
${described.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe command commands
    _arguments ${globals.flatMap(spec).join(' ')}
    return
  fi
  case $words[2] in
${cases.join('\n')}
  esac
}
if [[ $funcstack[1] == _${name} ]]; then _${name} "$@"; else compdef _${name} ${name}; fi
`;
}

/** A fish single-quoted string. */
function fishText(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function fish(name: string, commands: CommandFacts[], globals: OptionFacts[]): string {
  const flagArgs = (option: OptionFacts) => {
    const args = option.flags.map((flag) => (flag.startsWith('--') ? `-l ${flag.slice(2)}` : `-s ${flag.slice(1)}`));
    if (option.values) args.push(option.values.length ? `-x -a ${fishText(option.values.join(' '))}` : '-r');
    return `${args.join(' ')} -d ${fishText(option.description)}`;
  };
  const lines = [
    `# ${name} completion for fish: ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    ...globals.map((option) => `complete -c ${name} -n __fish_use_subcommand ${flagArgs(option)}`),
    ...commands.map(
      (command) =>
        `complete -c ${name} -n __fish_use_subcommand -f -a ${command.name} -d ${fishText(command.description)}`,
    ),
    ...commands.flatMap((command) =>
      command.options.map(
        (option) => `complete -c ${name} -n '__fish_seen_subcommand_from ${command.name}' ${flagArgs(option)}`,
      ),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
