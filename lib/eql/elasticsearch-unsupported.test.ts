/**
 * Queries Elasticsearch's parser and verifier refuse, from its own list:
 * x-pack/plugin/eql/src/test/resources/queries-unsupported.eql at commit
 * 08ff29be56f380c13794c2c82f488eaea777e0ed (one query of each kind; the file repeats forms). Each
 * must be refused here too, with a located EqlError, never run.
 */
import { describe, expect, it } from "vitest";
import { compileQuery } from "./compile";
import { EqlError } from "./errors";

const UNSUPPORTED = [
  "process where true | count",
  "process where true | unique process_name, command_line",
  'network where true | unique destination_address, destination_port | filter timestamp_utc >= "2018-05-01"',
  "file where true | sort file_name",
  'process where descendant of [process where process_name == "lsass.exe"] and process_name == "cmd.exe"',
  "file where child of [registry where true]",
  "file where event of [registry where true]",
  "sequence by unique_pid [process where true] [file where true] fork=true",
  "sequence by unique_pid [process where true] [file where true] fork [network where true]",
  'sequence with maxspan=2.5m [process where x == x] by pid [file where file_path == "*"] by ppid',
  'sequence by pid with maxspan=2.0h [process where process_name == "*"] [file where file_path == "*"]',
  'sequence by pid with maxspan=1.0075d [process where process_name == "*"] [file where file_path == "*"]',
  "process where serial_event_id <= 8 and serial_event_id > 7 | filter serial_event_id == 8",
  'process where process_name in ("python.exe", "smss.exe") | unique length(process_name)',
  "sequence [process where serial_event_id<3] by unique_pid * 2 [process where true] by unique_ppid * 2 | tail 1",
  "sequence [process where serial_event_id<3] by unique_pid * 2, length(unique_pid), string(unique_pid) [process where true] by unique_ppid * 2, length(unique_ppid), string(unique_ppid) | tail 1",
  "process where 'net.EXE' == original_file_name | filter process_name=\"net*.exe\"",
  "process where original_file_name == process_name | filter length(original_file_name) > 0",
  "process where process_name != original_file_name | filter length(original_file_name) > 0",
  'any where process_name == "svchost.exe" | unique_count event_type_full, opcode | filter count == 7',
  'registry where length(bytes_written_string_list) == 2 and bytes_written_string_list[1] == "EN"',
  "registry where bytes_written_string_list[0] == 'EN-us'",
  "registry where a[0]",
  "registry where a.b.c[0]",
  "registry where a[0].b",
  "registry where a[0][1].b",
  "registry where topField.subField[100].subsubField == 0",
];

describe("queries Elasticsearch refuses (queries-unsupported.eql)", () => {
  it.each(UNSUPPORTED)("%s", (query) => {
    let thrown: unknown = null;
    try {
      compileQuery(query);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EqlError);
    expect((thrown as EqlError).line).toBeGreaterThan(0);
  });
});
