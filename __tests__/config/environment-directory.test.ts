import * as fs from "fs";
import * as path from "path";
import { environmentsDirFrom, readEnvironmentDirectory } from "../../src/config/environment-directory";
import { loadEnvironments, readEnvironmentFile } from "../../src/config/load";
import { EnvironmentFileError } from "../../src/config/problems";
import { tempOutdir } from "../helpers/synth";

/** The one line a directory problem is reported as (what main.ts prints). */
function reported(directory: string): string[] {
  try {
    loadEnvironments(directory);
  } catch (error) {
    if (error instanceof EnvironmentFileError) return error.lines as string[];
    throw error;
  }
  return [];
}

test("a directory that does not exist", () => {
  const missing = path.join(tempOutdir(), "environments");
  expect(reported(missing)).toEqual([
    `${missing}: ERROR the directory does not exist. Fix: create it with one <name>.json per environment (copy environments/dev.json from the repository), or point ENVIRONMENTS_DIR at yours`,
    `No stack was synthesized: 1 error in 1 file (${missing}).`,
  ]);
});

test("a file where the directory should be (ENVIRONMENTS_DIR=environments/dev.json)", () => {
  const file = path.join(tempOutdir(), "dev.json");
  fs.writeFileSync(file, "{}");
  expect(reported(file)[0]).toBe(
    `${file}: ERROR is a file, not a directory. Fix: point ENVIRONMENTS_DIR at the directory that holds the <name>.json files, not at one of them`,
  );
});

test("a directory that cannot be read (EACCES; simulated, since root reads everything)", () => {
  const directory = tempOutdir();
  const denied = () => {
    throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
  };
  expect(readEnvironmentDirectory(directory, denied).problems).toEqual([
    {
      file: directory,
      message: `the directory cannot be read (permission denied). Fix: give yourself read and search permission on it (chmod u+rx ${directory})`,
    },
  ]);
});

test("an empty directory", () => {
  const directory = tempOutdir();
  expect(reported(directory)[0]).toBe(
    `${directory}: ERROR the directory holds no <name>.json file. Fix: add one, e.g. copy environments/dev.json from the repository`,
  );
});

test("ENVIRONMENTS_DIR set but empty blames the variable, not the working directory", () => {
  expect(environmentsDirFrom("", "/repo/environments")).toEqual({
    problem: {
      file: "ENVIRONMENTS_DIR",
      message: expect.stringMatching(
        /^is set but empty\. Fix: unset it to read .*environments, or set it to the directory of your <name>\.json files$/,
      ),
    },
  });
  expect(environmentsDirFrom(undefined, "/repo/environments")).toEqual({ directory: "/repo/environments" });
  expect(environmentsDirFrom("staging-envs", "/repo/environments")).toEqual({ directory: "staging-envs" });
});

test("an environment file that cannot be read (EACCES; simulated) is named as such, not as bad JSON", () => {
  const denied = () => {
    throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
  };
  expect(readEnvironmentFile("/somewhere/dev.json", denied)).toEqual({
    problems: [
      { message: "the file cannot be read (permission denied). Fix: give yourself read permission (chmod u+r /somewhere/dev.json)" },
    ],
  });
});
