// A small Markdown report with front matter, two sections and two notes, shared by the library and cache tests.
export const GULF = `---
title: Gulf Shipping Under Strain
date: 2025-03-10
authors: [Amina Rahman]
---

# Introduction

Insurers raised war-risk premiums to 0.7 percent of a ship's value after the attacks.[^1]

# Trade

Container traffic through the strait fell by 40 percent in the first quarter.[^2]

[^1]: Amina Rahman, "War-risk premiums climb," Lloyd's List, February 2, 2025, https://example.org/premiums.
[^2]: "Strait traffic slumps," Financial Times, March 1, 2025, https://example.org/traffic.
`;
