"""The Lua scripts that make RedisShortLivedStore's decisions atomic.

Redis runs a script to the end before it serves any other command, so "read
the record, decide, write" cannot interleave with a second check of the same
code: that is what makes 50 simultaneous right entries yield one success and
what keeps a burst of wrong guesses from slipping past the attempt limit.
Times are the injected clock's (ARGV), not Redis's, so the rules follow the
clock the tests move; key expiries are only a backstop against leftovers.
"""

# KEYS[1] code record; ARGV: token, now, max_failures.
# A record whose token differs was replaced (or consumed) since the caller read it: 'gone'.
FAIL_ONCE = """
local rec = redis.call('HMGET', KEYS[1], 'token', 'expires_at', 'failures')
if not rec[1] or rec[1] ~= ARGV[1] then return {'gone', 0} end
local failures = tonumber(rec[3]) or 0
if tonumber(ARGV[2]) >= tonumber(rec[2]) then return {'expired', failures} end
if failures >= tonumber(ARGV[3]) then return {'locked', failures} end
failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
return {'counted', failures}
"""

# KEYS[1] code record, KEYS[2] (optional) key to set on success;
# ARGV: token, now, max_failures, value for KEYS[2], its expiry in ms.
CONSUME = """
local rec = redis.call('HMGET', KEYS[1], 'token', 'expires_at', 'failures')
if not rec[1] or rec[1] ~= ARGV[1] then return {'gone', 0} end
local failures = tonumber(rec[3]) or 0
if tonumber(ARGV[2]) >= tonumber(rec[2]) then return {'expired', failures} end
if failures >= tonumber(ARGV[3]) then return {'locked', failures} end
redis.call('DEL', KEYS[1])
if KEYS[2] then redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5]) end
return {'consumed', failures}
"""

# Sliding windows (sorted sets scored by time). KEYS: the windows;
# ARGV: now, member, then limit and period (seconds) for each window in turn.
# Either every window has room and all get the member, or none is touched and
# the first full window is reported with its oldest entry's time.
TAKE_SLOTS = """
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local limit = tonumber(ARGV[1 + 2 * i])
  local period = tonumber(ARGV[2 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - period)
  if redis.call('ZCARD', KEYS[i]) >= limit then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    return {i, oldest[2]}
  end
end
for i = 1, #KEYS do
  local period = tonumber(ARGV[2 + 2 * i])
  redis.call('ZADD', KEYS[i], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[i], math.ceil(period * 1000))
end
return {0, '0'}
"""
