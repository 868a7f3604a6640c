// The files `learn init` writes: a sample lesson, the curriculum index, a
// README and a GitHub Actions workflow. Pure text; the command writes them.

export interface InitFile {
  /** Path inside the new project. */
  path: string;
  content: string;
}

export const SAMPLE_LESSON = 'lessons/first-namespace.md';

const LESSON = `---
title: A first network namespace
summary: A private network stack, an interface inside it, and a ping across a veth pair
requires: [ip, ping]
kernel: [veth]
timeout: 10s
---

# A first network namespace

Each shell block below is a step: \`learn run first-namespace\` runs them one
at a time, \`learn test\` runs them all and compares each with
\`snapshots/first-namespace.snap\`. Everything happens in a disposable
sandbox; nothing on your machine changes.

A new namespace has only a loopback interface, and it is down:

\`\`\`sh {#create}
ip netns add red
ip netns exec red ip -br link
\`\`\`

A veth pair is a virtual cable; put one end into the namespace and give both
ends an address from a documentation range:

\`\`\`sh {#cable}
ip link add veth-host type veth peer name veth-red
ip link set veth-red netns red
ip addr add 192.0.2.1/24 dev veth-host
ip link set veth-host up
ip -n red addr add 192.0.2.2/24 dev veth-red
ip -n red link set veth-red up
ip -n red -br -4 addr show dev veth-red
\`\`\`

Now the host reaches the namespace through the cable:

\`\`\`sh {#ping}
ping -c 1 -W 2 192.0.2.2 | grep -o '1 received'
\`\`\`
`;

const CURRICULUM = `# Lessons

| # | lesson | what you build |
|---|---|---|
| 1 | [first-namespace.md](first-namespace.md) | a network namespace joined to the host by a veth pair |
`;

function readme(name: string, version: string): string {
  return `# ${name}

Hands-on Linux networking lessons, run and checked by \`learn\` (the
\`learn-linux-net\` package).

## Write and check lessons

\`\`\`sh
npm install -g learn-linux-net@${version}   # the learn command
sudo learn setup                           # the Debian/Ubuntu packages the lessons use
learn test                                 # every lesson against its snapshot
\`\`\`

- \`lessons/\` holds the lessons (Markdown; each shell block is a step) and
  \`lessons/README.md\` their order.
- \`snapshots/\` holds what each step printed, one file per lesson. A new step
  is recorded the first time \`learn test\` runs it; after a change, check the
  diff and record it with \`learn test -u\`.
- \`learn test --watch LESSON\` runs a lesson again each time it or its
  snapshot is saved.
- \`learn run LESSON\` studies a lesson step by step, as a learner would.
- \`.github/workflows/lessons.yml\` runs \`learn test\` on every push, with
  failures shown on the lines of the lessons.
`;
}

function workflow(version: string): string {
  return `name: lessons
on:
  push:
  pull_request:

jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install learn
        run: npm install -g learn-linux-net@${version}
      # As root: learn setup installs the Debian packages the lessons need, and
      # learn can create its sandboxes without changing the runner's settings.
      - name: Install the system packages
        run: sudo -E "$(command -v node)" "$(command -v learn)" setup
      - name: Check the machine
        run: sudo -E "$(command -v node)" "$(command -v learn)" doctor
      - name: Run the lessons
        run: >
          sudo -E "$(command -v node)" "$(command -v learn)" test
          --reporter pretty --reporter github
          --reporter junit --output reports/junit.xml
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: lesson-reports
          path: reports/
`;
}

export function initFiles(name: string, version: string): InitFile[] {
  return [
    { path: SAMPLE_LESSON, content: LESSON },
    { path: 'lessons/README.md', content: CURRICULUM },
    { path: 'README.md', content: readme(name, version) },
    { path: '.github/workflows/lessons.yml', content: workflow(version) },
  ];
}
